using BenchmarkDotNet.Running;

namespace PatternDashboard.Benchmarks;

/// <summary>Runs the benchmarks: dotnet run -c Release --project benchmarks/PatternDashboard.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
