using System.Runtime.CompilerServices;

namespace PatternDashboard.Web.Tests.Components;

internal static class ThreadPoolSetup
{
    // bUnit's waits and MudBlazor's timers need pool threads while test classes run in parallel; on a two-core
    // machine the default minimum starves them and waits time out (bUnit's own advice).
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);

        // A wait is a bound on a busy machine, not a speed goal: bUnit's default of one second fails on a loaded one.
        Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }
}
