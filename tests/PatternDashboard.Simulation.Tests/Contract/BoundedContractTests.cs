using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Simulation.Tests.Contract;

/// <summary>Every pattern: six simulated hours at default load keep what a session holds within fixed sizes.</summary>
public sealed class BoundedContractTests
{
    private const int MaxSnapshotBytes = 512 * 1024;
    private const int MaxDetailsBytes = 128 * 1024;
    private const int MaxEventLogBytes = 2 * 1024 * 1024;
    private const int MaxRecordingBytes = 4 * 1024;

    [Theory]
    [MemberData(nameof(ContractRuns.PatternIds), MemberType = typeof(ContractRuns))]
    public void SixHoursAtDefaultLoad_LogMetricsDetailsAndRecordingStayWithinCaps(string patternId)
    {
        var simulation = ContractRuns.Create(patternId, 1);
        simulation.RunFor(TimeSpan.FromHours(6));

        var snapshot = simulation.CreateSnapshot();
        int snapshotBytes = Bytes(snapshot);
        int detailsBytes = Bytes(snapshot.Details);
        int logBytes = Bytes(simulation.Log.All());
        int recordingBytes = Bytes(simulation.ToRecording());
        Assert.True(simulation.Log.Count <= simulation.Log.Capacity, $"{patternId}: {simulation.Log.Count} log entries.");
        Assert.True(logBytes <= MaxEventLogBytes, $"{patternId}: event log {logBytes} bytes.");
        Assert.True(snapshotBytes <= MaxSnapshotBytes, $"{patternId}: snapshot (metrics included) {snapshotBytes} bytes.");
        Assert.True(detailsBytes <= MaxDetailsBytes, $"{patternId}: details {detailsBytes} bytes.");
        Assert.True(recordingBytes <= MaxRecordingBytes, $"{patternId}: recording {recordingBytes} bytes.");
    }

    private static int Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Recording.JsonOptions).Length;
}
