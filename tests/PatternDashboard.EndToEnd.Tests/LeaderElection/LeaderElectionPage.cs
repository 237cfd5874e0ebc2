using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PatternDashboard.EndToEnd.Tests.LeaderElection;

/// <summary>
/// The Leader Election page as a person finds it: controls, faults and nodes by role and accessible name, so the
/// tests read like the steps a person takes. The one exception is what the page draws without an accessible name
/// (messages in flight), found by its markup and said so where it is used.
/// </summary>
internal sealed partial class LeaderElectionPage(IPage page) : PatternPageObject(page, Title)
{
    public const string Path = "/patterns/leader-election";

    /// <summary>A new private run, paused at t = 0 (a page opens running otherwise).</summary>
    public const string PausedPath = Path + "?paused=1";

    public const string Title = "Leader Election";

    public static readonly string[] NodeIds = ["n1", "n2", "n3", "n4", "n5"];

    public ILocator InfoButton => Button("About Leader Election");

    // Time controls

    public ILocator StepButton => Button("Step one event");

    public ILocator ResetButton => Button("Reset simulation");

    public ILocator FastForwardButton => Button("Fast-forward");

    // Faults

    public ILocator FaultPanel => Region("Faults");

    public ILocator CrashLeaderButton => FaultButton("Crash leader");

    public ILocator HealNetworkButton => FaultButton("Heal network");

    public ILocator SplitClusterButton => FaultButton("Split cluster");

    public ILocator FaultButton(string label) =>
        Region("Cluster faults").GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    /// <summary>Opens the fold of the fault panel that holds the faults taking a value, if the page has one.</summary>
    public async Task ShowFaultsWithAValueAsync()
    {
        var fold = Region("Cluster faults").GetByText("Faults with a value");
        if (await fold.CountAsync() > 0)
        {
            await fold.ClickAsync();
        }
    }

    public ILocator BreakItSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Break it: any two votes win", Exact = true });

    /// <summary>The part of the fault panel that lists the faults in force.</summary>
    public ILocator ActiveFaults => Region("Active faults");

    /// <summary>An entry of the list of active faults, by its label.</summary>
    public ILocator ActiveFault(string label) => ActiveFaults.GetByRole(AriaRole.Listitem).Filter(new() { HasText = label });

    // The cluster

    public ILocator ClusterPanel => Region("Cluster");

    /// <summary>A node of the topology, by id; its accessible name says its role and term: "Node n2, leader, term 3".</summary>
    public override ILocator Node(string nodeId) => Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Node {Regex.Escape(nodeId)},") });

    /// <summary>Every node that says it leads (and is not paused) in a term of at least <paramref name="minTerm"/>.</summary>
    public ILocator Leaders(long minTerm = 1) =>
        Topology.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($@"^Node n\d+, leader, term {NumberPattern.AtLeast(minTerm)}$") });

    /// <summary>
    /// The cut marks (✕) the topology draws on links that are down. The links themselves have no accessible name
    /// (only an SVG &lt;title&gt;), so the mark a person sees is what the test looks for.
    /// </summary>
    public ILocator CutLinks => Topology.GetByText("✕", new() { Exact = true });

    /// <summary>Messages drawn travelling along the links. They have no accessible name, so this finds them by their markup.</summary>
    public ILocator MessagesInFlight => Topology.Locator("path.message");

    /// <summary>The "Leadership" panel's line "Leader: n2 (term 3)".</summary>
    public ILocator LeaderStat => Region("Leadership").GetByRole(AriaRole.Definition).First;

    /// <summary>The row of the "Nodes" table for a node; its cells read role, up, term, voted for, votes, timer, actions.</summary>
    public ILocator NodeRow(string nodeId) =>
        Region("Nodes").GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = nodeId, Exact = true }) });

    public ILocator NodeActionsMenu(string nodeId) => Button($"Actions for {nodeId}");

    public ILocator EventLog => Region("Event log");

    public ILocator ExportJsonLinesButton => EventLog.GetByRole(AriaRole.Button, new() { Name = "Export JSON Lines", Exact = true });

    public ILocator ExportCsvButton => EventLog.GetByRole(AriaRole.Button, new() { Name = "Export CSV", Exact = true });

    /// <summary>Opens the page, waits for the circuit and the running session's controls.</summary>
    public async Task OpenAsync(PageSession session)
    {
        await session.GotoAsync(PausedPath);
        await ExpectReadyAsync();
    }

    /// <summary>
    /// Waits until exactly one node of the topology leads, in a term of at least <paramref name="minTerm"/>, and
    /// returns its id and term as the page writes them.
    /// </summary>
    public async Task<(string NodeId, long Term)> WaitForLeaderAsync(long minTerm = 1)
    {
        var leader = Leaders(minTerm);
        await Expect(leader).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var name = await leader.GetAttributeAsync("aria-label") ?? "";
        var match = LeaderName().Match(name);
        Assert.True(match.Success, $"The leader's accessible name '{name}' does not read 'Node nX, leader, term T'.");
        return (match.Groups["id"].Value, long.Parse(match.Groups["term"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^Node (?<id>n\d+), leader, term (?<term>\d+)$")]
    private static partial Regex LeaderName();
}
