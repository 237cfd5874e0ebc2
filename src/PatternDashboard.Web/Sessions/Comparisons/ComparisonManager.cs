using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.Web.Sessions.Comparisons;

/// <summary>
/// Every open comparison. A comparison lives as long as both its runs: when either closes (its owner closed it, it idled
/// out, its room expired) the comparison ends and the side with the difference closes too, so nothing outlives its runs.
/// </summary>
public sealed class ComparisonManager(SessionManager sessions, ILogger<ComparisonManager> logger)
{
    /// <summary>Longest difference label kept, from an imported file.</summary>
    public const int MaxDifferenceLength = 200;

    private readonly ConcurrentDictionary<string, SessionComparison> comparisons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SessionComparison> bySession = new(StringComparer.Ordinal);
    private readonly Lock creating = new();

    public int Count => comparisons.Count;

    public SessionComparison Get(string comparisonId) =>
        comparisonId is not null && comparisons.TryGetValue(comparisonId, out var found) && !found.IsClosed
            ? found
            : throw new SimulationInputException(string.IsNullOrWhiteSpace(comparisonId)
                ? "A comparison id is required."
                : $"Unknown comparison '{comparisonId}'. It ended when one of its runs closed, or never existed.");

    /// <summary>The comparison this session is a side of, or null.</summary>
    public SessionComparison? FindBySession(string sessionId) =>
        sessionId is not null && bySession.TryGetValue(sessionId, out var found) && !found.IsClosed ? found : null;

    /// <summary>True when the session is the side with a difference, which only its comparison may change.</summary>
    public bool IsWithSide(string sessionId) => FindBySession(sessionId) is { } found && found.With.Id == sessionId;

    /// <summary>
    /// Starts comparing <paramref name="source"/> with a copy of it that differs in <paramref name="input"/>: a fault or
    /// switch given to the copy now, or an option (only for a run with no inputs yet, since another option changes the
    /// run from its start, where the inputs would no longer fit). The copy belongs to the source's owner.
    /// </summary>
    public async Task<SessionComparison> CreateAsync(ISimulationSession source, CompareInput? input, CancellationToken cancellationToken = default)
    {
        if (source is not SimulationSession without)
        {
            throw new SimulationInputException("This run cannot be compared.");
        }
        CheckFree(without);
        var (fault, option) = Parse(source, input);
        // The copy is made while the source stands still, so it holds every input the source has; then both run again.
        bool running = without.Current.Status == SessionStatus.Running;
        if (running)
        {
            await without.ControlAsync(ControlAction.Pause).ConfigureAwait(false);
        }
        SessionComparison? created = null;
        try
        {
            created = fault is not null
                ? await WithFaultAsync(without, fault, cancellationToken).ConfigureAwait(false)
                : await WithOptionAsync(without, option!.Value.Definition, option.Value.Value).ConfigureAwait(false);
            return created;
        }
        finally
        {
            if (running && !without.IsClosed)
            {
                await (created is null ? without.ControlAsync(ControlAction.Play) : created.ControlAsync(ControlAction.Play)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens a comparison file (both runs' recordings) as two new runs of <paramref name="ownerId"/>, compared, paused.</summary>
    public async Task<SessionComparison> ImportAsync(string ownerId, ComparisonRecording? given)
    {
        var file = CheckFile(given);
        var without = (SimulationSession)await Task.Run(() => sessions.Import(ownerId, file.Without)).ConfigureAwait(false);
        SimulationSession with;
        try
        {
            with = (SimulationSession)await Task.Run(() => sessions.Import(ownerId, file.With)).ConfigureAwait(false);
        }
        catch
        {
            sessions.Close(without.Id);
            throw;
        }
        // Each import stops at its last input or bookmark; both go on to the later of the two, where the comparison resumes.
        var later = without.ClockNow > with.ClockNow ? without.ClockNow : with.ClockNow;
        await without.CatchUpToAsync(later).ConfigureAwait(false);
        await with.CatchUpToAsync(later).ConfigureAwait(false);
        return await JoinAsync(without, with, file.Difference.Trim(), file.Since, null).ConfigureAwait(false);
    }

    /// <summary>The comparison file <paramref name="json"/> holds, or null when it is a single run's recording; a malformed one throws.</summary>
    public static ComparisonRecording? ParseFile(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            return document.RootElement.Deserialize<ComparisonRecording>(Recording.JsonOptions)
                ?? throw new SimulationInputException("The comparison file is empty.");
        }
        catch (JsonException e)
        {
            throw new SimulationInputException($"The recording is not valid JSON: {e.Message}");
        }
    }

    internal async Task EndAsync(SessionComparison comparison)
    {
        if (!Forget(comparison))
        {
            return;
        }
        if (!comparison.Without.IsClosed)
        {
            await comparison.Without.JoinComparisonAsync(null, null).ConfigureAwait(false);
        }
        sessions.Close(comparison.With.Id);
        logger.LogInformation("Comparison {ComparisonId} ended.", comparison.Info.Id);
    }

    private async Task<SessionComparison> WithFaultAsync(SimulationSession without, FaultRequest fault, CancellationToken cancellationToken)
    {
        var with = (SimulationSession)await sessions.ForkAsync(without.OwnerId, without, cancellationToken).ConfigureAwait(false);
        try
        {
            await with.InjectFaultAsync(fault).ConfigureAwait(false);
        }
        catch
        {
            sessions.Close(with.Id);
            throw;
        }
        return await JoinAsync(without, with, Describe(without, fault), without.Current.Snapshot.SimulatedTime, fault).ConfigureAwait(false);
    }

    private async Task<SessionComparison> WithOptionAsync(SimulationSession without, OptionDefinition option, double value)
    {
        var recording = await without.ExportRecordingAsync().ConfigureAwait(false);
        if (recording.Inputs.Count > 0)
        {
            throw new SimulationInputException(
                "Another option changes the run from its start, where this run's faults would no longer fit. Compare an option " +
                "from a run with no faults yet (reset it first), or compare a fault or switch instead.");
        }
        if (without.ClockNow > TimeSpan.FromMinutes(sessions.Options.MaxReplayMinutes))
        {
            throw new SimulationInputException($"This run is too long to compare with another option: copies run at most {sessions.Options.MaxReplayMinutes} simulated minutes.");
        }
        var options = new SortedDictionary<string, double>(recording.Options.ToDictionary(), StringComparer.Ordinal) { [option.Name] = value };
        var with = (SimulationSession)sessions.Import(without.OwnerId, recording with { Options = options, Bookmarks = null });
        try
        {
            await with.CatchUpToAsync(without.ClockNow).ConfigureAwait(false);
        }
        catch
        {
            sessions.Close(with.Id);
            throw;
        }
        string unit = option.Unit.Length == 0 ? "" : " " + option.Unit;
        return await JoinAsync(without, with, $"{option.Label} {value:0.###}{unit}", 0, null).ConfigureAwait(false);
    }

    private async Task<SessionComparison> JoinAsync(SimulationSession without, SimulationSession with, string difference, double since, FaultRequest? fault)
    {
        var info = new ComparisonInfo(NewId(), without.Pattern.Id, without.Id, with.Id, difference, Math.Round(since, 6));
        var comparison = new SessionComparison(this, info, without, with, fault);
        lock (creating)
        {
            if (FindBySession(without.Id) is not null)
            {
                sessions.Close(with.Id);
                throw new SimulationInputException("This run is already being compared; end that comparison first.");
            }
            comparisons[info.Id] = comparison;
            bySession[without.Id] = comparison;
            bySession[with.Id] = comparison;
        }
        await without.JoinComparisonAsync(info, null).ConfigureAwait(false);
        await with.JoinComparisonAsync(info, without).ConfigureAwait(false);
        if (without.Current.Speed != with.Current.Speed)
        {
            await with.ControlAsync(ControlAction.Speed, without.Current.Speed).ConfigureAwait(false);
        }
        // Closing either run ends the comparison; the pacer's thread must not wait for it.
        without.Closing.Register(() => _ = Task.Run(() => EndAsync(comparison)));
        with.Closing.Register(() => _ = Task.Run(() => EndAsync(comparison)));
        logger.LogInformation("Comparison {ComparisonId}: {WithoutId} without and {WithId} with {Difference}.", info.Id, without.Id, with.Id, difference);
        return comparison;
    }

    private bool Forget(SessionComparison comparison)
    {
        lock (creating)
        {
            if (!comparisons.TryRemove(comparison.Info.Id, out _))
            {
                return false;
            }
            bySession.TryRemove(comparison.Without.Id, out _);
            bySession.TryRemove(comparison.With.Id, out _);
            return true;
        }
    }

    private void CheckFree(SimulationSession source)
    {
        if (FindBySession(source.Id) is { } existing)
        {
            throw new SimulationInputException(existing.With.Id == source.Id
                ? "This run is the side with the difference of a comparison; compare from the other run."
                : "This run is already being compared; end that comparison first.");
        }
    }

    private static (FaultRequest? Fault, (OptionDefinition Definition, double Value)? Option) Parse(ISimulationSession source, CompareInput? input)
    {
        const string Example = "as in { faultId: \"breakQuorum\" } or { option: \"nodeCount\", optionValue: 5 }";
        bool hasFault = !string.IsNullOrWhiteSpace(input?.FaultId);
        bool hasOption = !string.IsNullOrWhiteSpace(input?.Option);
        if (hasFault == hasOption)
        {
            throw new SimulationInputException($"A comparison differs in exactly one thing: a fault or switch, or an option, {Example}.");
        }
        if (hasFault)
        {
            if (input!.OptionValue is not null)
            {
                throw new SimulationInputException("optionValue goes with option, not with a fault; give one of the two.");
            }
            var definition = source.FaultCatalog.FirstOrDefault(f => f.Id == input.FaultId!.Trim())
                ?? throw new SimulationInputException(
                    $"Unknown fault '{input.FaultId}'. Faults of {source.Pattern.Title}: {string.Join(", ", source.FaultCatalog.Select(f => f.Id))}.");
            return (new FaultRequest(definition.Id, input.Target?.Trim() is { Length: > 0 } target ? target : null, input.Value), null);
        }
        var option = source.Pattern.Options.FirstOrDefault(o => string.Equals(o.Name, input!.Option!.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new SimulationInputException(source.Pattern.Options.Count == 0
                ? $"{source.Pattern.Title} has no options to compare; compare a fault or switch instead."
                : $"Unknown option '{input!.Option}'. Options of {source.Pattern.Title}: {string.Join(", ", source.Pattern.Options.Select(o => o.Name))}.");
        if (input!.OptionValue is not { } value)
        {
            throw new SimulationInputException($"Give the value of '{option.Name}' the other run takes, as optionValue.");
        }
        PatternOptions.Check(option, value);
        if (input.Target is not null || input.Value is not null)
        {
            throw new SimulationInputException("target and value go with a fault, not with an option; give one of the two.");
        }
        if (source is SimulationSession session && session.OptionValue(option.Name) == value)
        {
            throw new SimulationInputException($"This run already has {option.Name} {value}; pick another value to compare with.");
        }
        return (null, (option, value));
    }

    private static string Describe(ISimulationSession source, FaultRequest fault)
    {
        var label = source.FaultCatalog.First(f => f.Id == fault.FaultId).Label;
        var parts = new List<string> { label };
        if (fault.Target is { } target)
        {
            parts.Add("on " + target);
        }
        if (fault.Value is { } value)
        {
            parts.Add($"({value:0.###})");
        }
        return string.Join(' ', parts);
    }

    private static ComparisonRecording CheckFile(ComparisonRecording? file)
    {
        if (file is null)
        {
            throw new SimulationInputException("A comparison file is required: the object ExportComparison returned.");
        }
        if (file.Kind != ComparisonRecording.ComparisonKind || file.FormatVersion != ComparisonRecording.CurrentFormatVersion)
        {
            throw new SimulationInputException(
                $"This is not a comparison file of format {ComparisonRecording.CurrentFormatVersion} (kind \"{ComparisonRecording.ComparisonKind}\").");
        }
        if (file.Without is null || file.With is null)
        {
            throw new SimulationInputException("A comparison file holds two recordings, \"without\" and \"with\".");
        }
        file.Without.Validate();
        file.With.Validate();
        if (file.Without.PatternId != file.With.PatternId || file.Without.Seed != file.With.Seed)
        {
            throw new SimulationInputException("The two recordings of a comparison must be runs of one pattern with one seed.");
        }
        if (string.IsNullOrWhiteSpace(file.Difference) || file.Difference.Length > MaxDifferenceLength || file.Difference.Any(char.IsControl))
        {
            throw new SimulationInputException($"A comparison file names its difference in 1 to {MaxDifferenceLength} characters of plain text.");
        }
        if (!double.IsFinite(file.Since) || file.Since < 0)
        {
            throw new SimulationInputException("A comparison file's \"since\" is a simulated time of 0 s or more.");
        }
        return file;
    }

    private static string NewId() => "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
