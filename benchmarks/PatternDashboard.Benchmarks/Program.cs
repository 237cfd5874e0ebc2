using BenchmarkDotNet.Running;

namespace PatternDashboard.Benchmarks;

/// <summary>Runs the benchmarks: dotnet run -c Release --project benchmarks/PatternDashboard.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        // --cpu-time: a quick run timed by thread CPU time, steadier than wall time on a busy machine.
        if (args.Contains("--cpu-time"))
        {
            if (args.Contains("--sequence"))
            {
                CpuTimeRuns.RunSequence();
            }
            else
            {
                CpuTimeRuns.Run();
            }
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
