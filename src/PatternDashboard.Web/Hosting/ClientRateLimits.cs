using System.ComponentModel.DataAnnotations;

namespace PatternDashboard.Web.Hosting;

/// <summary>
/// How often one client may guess room codes, start sessions and open rooms, bound from the "RateLimits" section of
/// appsettings.json and checked at start. Each limit counts per connection and per client address over a fixed window
/// of <see cref="WindowSeconds"/>; an address limit is higher, since a classroom shares one address.
/// </summary>
public sealed class ClientRateLimits : IValidatableObject
{
    public const string SectionName = "RateLimits";

    /// <summary>Length of the window every limit counts in. Default 60 s.</summary>
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>JoinRoom and ClaimRoom calls of one hub connection per window. Default 10.</summary>
    [Range(1, 100_000)]
    public int RoomCodeGuessesPerConnection { get; set; } = 10;

    /// <summary>Room codes tried from one address per window: hub JoinRoom and ClaimRoom, and /join/CODE links (counted apart). Default 100.</summary>
    [Range(1, 100_000)]
    public int RoomCodeGuessesPerAddress { get; set; } = 100;

    /// <summary>CreateSession and ImportRecording calls of one hub connection per window. Default 10.</summary>
    [Range(1, 100_000)]
    public int SessionsPerConnection { get; set; } = 10;

    /// <summary>CreateSession and ImportRecording calls from one address per window. Default 100.</summary>
    [Range(1, 100_000)]
    public int SessionsPerAddress { get; set; } = 100;

    /// <summary>CreateRoom calls of one hub connection per window. Default 5.</summary>
    [Range(1, 100_000)]
    public int RoomsPerConnection { get; set; } = 5;

    /// <summary>CreateRoom calls from one address per window. Default 20.</summary>
    [Range(1, 100_000)]
    public int RoomsPerAddress { get; set; } = 20;

    /// <summary>GetSequenceDiagram calls of one hub connection per window; each replays the run. Default 30.</summary>
    [Range(1, 100_000)]
    public int SequenceDiagramsPerConnection { get; set; } = 30;

    /// <summary>GetSequenceDiagram calls from one address per window. Default 300.</summary>
    [Range(1, 100_000)]
    public int SequenceDiagramsPerAddress { get; set; } = 300;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (kind, perConnection, perAddress) in new[]
        {
            ("RoomCodeGuesses", RoomCodeGuessesPerConnection, RoomCodeGuessesPerAddress),
            ("Sessions", SessionsPerConnection, SessionsPerAddress),
            ("Rooms", RoomsPerConnection, RoomsPerAddress),
            ("SequenceDiagrams", SequenceDiagramsPerConnection, SequenceDiagramsPerAddress),
        })
        {
            if (perConnection > perAddress)
            {
                yield return new ValidationResult(
                    $"{kind}PerConnection ({perConnection}) cannot exceed {kind}PerAddress ({perAddress}): one address holds every connection from it.",
                    [$"{kind}PerConnection", $"{kind}PerAddress"]);
            }
        }
    }
}
