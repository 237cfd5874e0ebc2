using BenchmarkDotNet.Running;

namespace PatternDashboard.Benchmarks;

/// <summary>Runs the benchmarks: dotnet run -c Release --project benchmarks/PatternDashboard.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        // "room-load [students] [rounds]" measures a classroom instead (see RoomLoad).
        if (args is ["room-load", ..])
        {
            RoomLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 30, args.Length > 2 ? int.Parse(args[2]) : 20).GetAwaiter().GetResult();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
