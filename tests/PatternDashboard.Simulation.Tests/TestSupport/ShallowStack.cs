using System.Runtime.ExceptionServices;

namespace PatternDashboard.Simulation.Tests.TestSupport;

/// <summary>
/// Runs work on a thread of its own, near the bottom of its stack. Polly records a stack trace for every timeout it
/// reports, and its cost grows with every frame below: under the test runner's few dozen frames a run with many
/// timeouts (a service mesh under random faults) takes about twice as long as the same run near the bottom.
/// </summary>
public static class ShallowStack
{
    public static void Run(Action work)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
