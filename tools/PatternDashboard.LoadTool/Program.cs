namespace PatternDashboard.LoadTool;

/// <summary>
/// Runs one load run and prints its figures:
/// dotnet run -c Release --project tools/PatternDashboard.LoadTool -- --viewers 300 --duration 60
/// </summary>
public static class LoadToolEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(LoadToolOptions.Usage);
            return 0;
        }
        LoadToolOptions options;
        try
        {
            options = LoadToolOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        // The run is bounded by --duration; this also stops a stuck connection or browser from hanging it forever.
        // Opening a page can take tens of seconds on a loaded machine.
        using var timeout = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(90 * options.Pages));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            timeout.Cancel();
        };
        try
        {
            string figures = options.Flood
                ? (await new FloodRun(options, Console.Out).RunAsync(timeout.Token)).Format()
                : (await new LoadRun(options, Console.Out).RunAsync(timeout.Token)).Format();
            Console.WriteLine();
            Console.WriteLine(figures);
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("The run was stopped before it finished.");
            return 1;
        }
    }
}
