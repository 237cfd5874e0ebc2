using PatternDashboard.LoadTool;

namespace PatternDashboard.LoadTool.Tests;

/// <summary>A short flood against the real app: no unhandled exception, no refusal without a reason, and every student sees every instructor action.</summary>
public sealed class FloodRunTests
{
    [Fact]
    public async Task ShortFlood_LeavesNoServerError_AndEveryStudentSeesEveryInstructorAction()
    {
        var options = LoadToolOptions.Parse(["--flood", "--clients", "20", "--duration", "15"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var result = await new FloodRun(options, TextWriter.Null).RunAsync(timeout.Token);

        string figures = result.Format();
        Assert.True(result.ServerErrors == 0, figures);
        Assert.True(result.Tally.Failed == 0, figures);
        Assert.True(result.Tally.RoomAnswered == 0, figures);
        Assert.True(result.Tally.Answered > 0 && result.Tally.Refused > 0, figures);
        Assert.True(result.ActionsAccepted > 0, figures);
        Assert.True(result.StudentsWhoSawEveryAction == options.FloodClients, figures);
    }
}
