using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Components.Pages;

/// <summary>
/// Students join a room here: type its code (case, spaces and dashes do not matter), or open /join/CODE from the
/// link or QR code. A good code leads to the pattern page bound to the room; a bad one says what is wrong.
/// </summary>
public partial class Join
{
    private static readonly Dictionary<string, object> codeAttributes = new()
    {
        ["autocomplete"] = "off",
        ["autocapitalize"] = "characters",
        ["spellcheck"] = "false",
        ["name"] = "code",
    };

    // With an error, the message below the form describes the field, so a screen reader reads it with the field.
    private static readonly Dictionary<string, object> codeAttributesWithError = new(codeAttributes) { ["aria-describedby"] = "join-error" };

    private string? typed;
    private string? error;

    private Dictionary<string, object> CodeAttributes => error is null ? codeAttributes : codeAttributesWithError;

    [Inject] public required IRoomManager Rooms { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required HubRateLimitFilter Limits { get; init; }

    [CascadingParameter(Name = BrowserId.CascadingName)] public string? Browser { get; set; }

    /// <summary>The code from a join link (/join/CODE). Default: none.</summary>
    [Parameter] public string? Code { get; set; }

    /// <summary>The code the form sent before the page was interactive (/join?code=CODE). Default: none.</summary>
    [SupplyParameterFromQuery(Name = "code")] public string? SentCode { get; set; }

    protected override void OnParametersSet()
    {
        if ((Code ?? SentCode) is { } given)
        {
            typed = given;
            Go(given);
        }
    }

    // Typed codes are counted like the hub's guesses, so the form is no way around that limit; links are counted over HTTP.
    private Task JoinAsync()
    {
        try
        {
            Limits.TakeRoomCodeGuess($"browser:{Browser ?? "anonymous"}");
        }
        catch (SimulationInputException e)
        {
            error = e.Message;
            return Task.CompletedTask;
        }
        Go(typed);
        return Task.CompletedTask;
    }

    private void Go(string? code)
    {
        Room room;
        try
        {
            room = Rooms.Get(code);
        }
        catch (SimulationInputException e)
        {
            error = e.Message;
            return;
        }
        error = null;
        // A full load: the room's page may be one that runs in the browser, which this server-side router cannot show.
        Navigation.NavigateTo(DashboardUrls.Room(room.Session.Pattern.Id, room.Code), new NavigationOptions { ForceLoad = true, ReplaceHistoryEntry = Code is not null || SentCode is not null });
    }
}
