using System.Runtime.InteropServices;

namespace PatternDashboard.Benchmarks;

/// <summary>
/// The same workloads as the benchmarks, timed by the CPU time of the running thread instead of the wall clock:
/// on a shared, loaded machine wall time also counts the time the thread waited for a core, CPU time does not.
/// Run: dotnet run -c Release --project benchmarks/PatternDashboard.Benchmarks -- --cpu-time
/// </summary>
internal static class CpuTimeRuns
{
    private const int Repeats = 7;
    private const int ClockThreadCpuTime = 3;

    public static void Run()
    {
        Console.WriteLine($"Per core, median of {Repeats} runs timed by thread CPU time (best in brackets):");

        var scheduler = new SchedulerBenchmarks();
        scheduler.Setup();
        Report("Scheduler", "events/s", 10 * 100_000, () => Times(10, scheduler.ScheduleAndRun));

        var network = new NetworkBenchmarks();
        network.Setup();
        Report("Network", "messages/s", 10 * 100_000, () => Times(10, network.RelayMessages));

        foreach (string patternId in PatternFastForwardBenchmarks.PatternIds)
        {
            var pattern = new PatternFastForwardBenchmarks { PatternId = patternId };
            Report($"{patternId} at default load", "simulated s per CPU s", 60, () =>
            {
                pattern.Setup();
                pattern.SimulateOneMinute();
            });
        }
    }

    /// <summary>
    /// --cpu-time --sequence: the busy 60-second message diagram of every pattern, in CPU milliseconds. The replay runs
    /// on a pool thread, so this counts the whole process's CPU time (nothing else runs in it meanwhile).
    /// </summary>
    public static void RunSequence()
    {
        Console.WriteLine($"Message diagram of 60 s to 120 s at default load, median of {Repeats} runs by process CPU time (best in brackets):");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        foreach (string patternId in SequenceDiagramBenchmarks.PatternIds)
        {
            var bench = new SequenceDiagramBenchmarks { PatternId = patternId, MaxArrows = 600 };
            bench.Setup();
            int matching = bench.LastSixtySeconds();
            var spent = new List<double>();
            long allocated = 0;
            for (int i = 0; i < Repeats; i++)
            {
                long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var started = process.TotalProcessorTime;
                bench.LastSixtySeconds();
                process.Refresh();
                spent.Add((process.TotalProcessorTime - started).TotalMilliseconds);
                allocated += GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            }
            bench.Cleanup();
            spent.Sort();
            Console.WriteLine($"  {patternId}: {spent[Repeats / 2]:N0} ms ({spent[0]:N0}), {matching:N0} messages in the window, allocated {allocated / (double)Repeats / 1024 / 1024:N1} MB");
        }
    }

    private static void Times(int count, Action action)
    {
        for (int i = 0; i < count; i++)
        {
            action();
        }
    }

    private static void Report(string name, string unit, double work, Action run)
    {
        run();
        var rates = new List<double>();
        long allocated = 0;
        for (int i = 0; i < Repeats; i++)
        {
            long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            double started = ThreadCpuSeconds();
            run();
            double spent = ThreadCpuSeconds() - started;
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            rates.Add(work / spent);
        }
        rates.Sort();
        Console.WriteLine($"  {name}: {rates[Repeats / 2]:N0} {unit} ({rates[^1]:N0}); allocated {allocated / (double)Repeats / work:N1} bytes per unit of work");
    }

    private static double ThreadCpuSeconds()
    {
        if (clock_gettime(ClockThreadCpuTime, out var now) != 0)
        {
            throw new InvalidOperationException("The thread CPU clock is not available on this system.");
        }
        return now.Seconds + now.Nanoseconds / 1e9;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
