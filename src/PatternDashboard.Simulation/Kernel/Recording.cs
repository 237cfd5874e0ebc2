using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternDashboard.Simulation.Kernel;

/// <summary>A user input at an exact point of a run: after <see cref="AfterEvents"/> events, at simulated <see cref="TimeTicks"/>.</summary>
/// <param name="Action">"inject" (a fault request) or "clear" (an active fault id in <see cref="FaultId"/>).</param>
public sealed record RecordedInput(long TimeTicks, long AfterEvents, string Action, string FaultId, string? Target = null, double? Value = null)
{
    public const string Inject = "inject";
    public const string Clear = "clear";

    public double TimeSeconds => TimeSpan.FromTicks(TimeTicks).TotalSeconds;
}

/// <summary>Everything needed to reproduce a run exactly: pattern, options, seed and the user's inputs.</summary>
/// <param name="Bookmarks">Named moments of the run, oldest first; they change nothing in how it replays. Optional.</param>
public sealed record Recording(
    int FormatVersion,
    string PatternId,
    long Seed,
    IReadOnlyDictionary<string, double> Options,
    IReadOnlyList<RecordedInput> Inputs,
    IReadOnlyList<RecordedBookmark>? Bookmarks = null)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Inputs kept per recording, so a long session cannot grow it without end.</summary>
    public const int MaxInputs = 10_000;

    /// <summary>Largest recording file accepted, in bytes.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses a recording file; any problem becomes a <see cref="SimulationInputException"/> saying what is wrong.</summary>
    public static Recording FromJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new SimulationInputException("The recording is empty.");
        }
        // Length first: a string with more characters than the limit is too big in any encoding.
        if (json.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(json) > MaxFileBytes)
        {
            throw new SimulationInputException($"The recording is larger than {MaxFileBytes / 1024 / 1024} MB.");
        }
        Recording? recording;
        try
        {
            recording = JsonSerializer.Deserialize<Recording>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SimulationInputException($"The recording is not valid JSON: {e.Message}");
        }
        if (recording is null)
        {
            throw new SimulationInputException("The recording is empty.");
        }
        recording.Validate();
        return recording;
    }

    /// <summary>Checks the parts every pattern shares; the pattern checks its options and fault ids on replay.</summary>
    public void Validate()
    {
        if (FormatVersion != CurrentFormatVersion)
        {
            throw new SimulationInputException($"The recording has format version {FormatVersion}; this version reads {CurrentFormatVersion}.");
        }
        if (string.IsNullOrWhiteSpace(PatternId))
        {
            throw new SimulationInputException("The recording names no pattern.");
        }
        if (Options is null || Inputs is null)
        {
            throw new SimulationInputException("The recording lacks its options or inputs.");
        }
        if (Inputs.Count > MaxInputs)
        {
            throw new SimulationInputException($"The recording has {Inputs.Count} inputs; at most {MaxInputs} are allowed.");
        }
        long lastTicks = 0, lastEvents = 0;
        for (int i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            if (input is null || input.TimeTicks < lastTicks || input.AfterEvents < lastEvents)
            {
                throw new SimulationInputException($"Input {i + 1} of the recording is out of order or missing.");
            }
            if (input.Action is not (RecordedInput.Inject or RecordedInput.Clear))
            {
                throw new SimulationInputException($"Input {i + 1} of the recording has an unknown action '{input.Action}'.");
            }
            if (string.IsNullOrWhiteSpace(input.FaultId))
            {
                throw new SimulationInputException($"Input {i + 1} of the recording has no fault id.");
            }
            lastTicks = input.TimeTicks;
            lastEvents = input.AfterEvents;
        }
        ValidateBookmarks();
    }

    private void ValidateBookmarks()
    {
        if (Bookmarks is null)
        {
            return;
        }
        if (Bookmarks.Count > RecordedBookmark.MaxPerRun)
        {
            throw new SimulationInputException($"The recording has {Bookmarks.Count} bookmarks; at most {RecordedBookmark.MaxPerRun} are allowed.");
        }
        for (int i = 0; i < Bookmarks.Count; i++)
        {
            if (Bookmarks[i] is not { TimeTicks: >= 0 } bookmark)
            {
                throw new SimulationInputException($"Bookmark {i + 1} of the recording is missing or before time 0.");
            }
            try
            {
                RecordedBookmark.CheckName(bookmark.Name);
            }
            catch (SimulationInputException e)
            {
                throw new SimulationInputException($"Bookmark {i + 1} of the recording: {e.Message}");
            }
        }
    }
}
