using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Queueing;

namespace PatternDashboard.Simulation.Patterns.ClientServer;

/// <summary>
/// Every request a server accepts gets exactly one answer: served, or reset when the server dies holding it. The
/// server's book must balance at every moment (accepted = answered + held), and no request is answered twice.
/// </summary>
public sealed class ExactlyOneAnswerMonitor(IReadOnlyList<QueueingServer> servers)
    : InvariantMonitor(MonitorId, "Every accepted request gets exactly one answer")
{
    public const string MonitorId = "exactly-one-answer";

    public override string? Check()
    {
        foreach (var server in servers)
        {
            var ledger = server.Ledger;
            if (ledger.StrayAnswers > 0)
            {
                return $"{server.Label} answered a request twice or answered one it never accepted ({ledger.StrayAnswers}x, last request {ledger.LastStray}).";
            }
            if (ledger.Open != server.InSystem)
            {
                return $"{server.Label} owes {ledger.Open} answers but holds {server.InSystem} requests: {ledger.Open - server.InSystem} accepted requests were lost.";
            }
        }
        return null;
    }
}

/// <summary>
/// No client keeps calling a dead server while another server in service is up: what a balancer (or failover) gives.
/// With one server there is nowhere else to go; with two and no balancer, clients pinned to the dead one fail. It stays
/// red while such requests keep going, and for <see cref="Memory"/> after the last.
/// </summary>
public sealed class NoStrandedClientsMonitor(ClientServerCluster cluster)
    : InvariantMonitor(MonitorId, "No request goes to a dead server while a live one could take it")
{
    public const string MonitorId = "no-stranded-clients";

    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);

    public override string? Check() =>
        cluster.LastStrandedAt is { } last && cluster.Clock.Now - last < Memory
            ? $"{cluster.StrandedSends} request(s) so far went to a crashed server while the other server was up."
            : null;
}
