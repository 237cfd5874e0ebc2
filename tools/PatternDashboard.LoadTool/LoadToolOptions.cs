using System.Globalization;
using System.Net;

namespace PatternDashboard.LoadTool;

/// <summary>What one load run does. Every count and time is capped so a typo cannot swamp the machine.</summary>
internal sealed record LoadToolOptions
{
    public const int MaxViewers = 500;
    public const int MaxPages = 60;
    public const int MaxSandboxes = 100;
    public const int MaxDurationSeconds = 3600;
    public const int MaxFloodClients = 500;
    // The app accepts 10 to 20 publishes per second (Sessions:SnapshotsPerSecond).
    public const int MinUpdatesPerSecond = 10;
    public const int MaxUpdatesPerSecond = 20;

    /// <summary>Hub connections streaming the shared session.</summary>
    public int Viewers { get; init; } = 50;

    /// <summary>Browser pages (headless Chromium) showing the shared session.</summary>
    public int Pages { get; init; }

    /// <summary>Private sessions, each with its own hub viewer, to measure what one sandbox costs.</summary>
    public int Sandboxes { get; init; }

    /// <summary>How long the measured part of the run lasts.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Publishes per second of the app started in process (a running app keeps its own setting).</summary>
    public int UpdatesPerSecond { get; init; } = 10;

    /// <summary>A running app to target; null starts the app in this process.</summary>
    public Uri? Url { get; init; }

    public string PatternId { get; init; } = "leader-election";

    public long Seed { get; init; } = 42;

    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>Whether the instructor crashes and restarts a node every second while measuring.</summary>
    public bool InstructorActions { get; init; } = true;

    /// <summary>Flood mode: hub clients pressing random buttons on their own runs and on one room as fast as answers come.</summary>
    public bool Flood { get; init; }

    /// <summary>Hub clients of a flood run.</summary>
    public int FloodClients { get; init; } = 200;

    public bool InProcess => Url is null;

    public const string Usage = """
        PatternDashboard load tool: many viewers following one shared room, measured. The tool creates the
        room as its instructor; every viewer joins it by code. While measuring, the instructor crashes and
        restarts a node every second, and each viewer times when its stream first shows each action.

        Options (all optional):
          --viewers N      hub viewers streaming the shared session (0-500, default 50)
          --pages M        headless Chromium pages watching it in the DOM (0-60, default 0)
          --sandboxes K    private sessions with one viewer each, for the per-sandbox memory cost
                           (0-100, default 0; needs the in-process app)
          --duration S     measured seconds (5-3600, default 30)
          --rate R         updates per second of the in-process app (10-20, default 10)
          --url URL        target a running app on this machine (loopback only) instead of starting one
          --pattern ID     pattern of the shared session (default leader-election)
          --seed N         seed of the shared session (default 42)
          --chromium PATH  Chromium executable (default /usr/bin/chromium)
          --no-actions     the instructor does nothing while measuring (a quiet room)
          --flood          flood mode instead: hub clients that each press random fault, control and
                           time-travel buttons on their own private run and on the room (where they are
                           students, so refused), as fast as the server answers; needs the in-process app
          --clients N      hub clients of a flood run (1-500, default 200)
          --help           this text
        """;

    /// <summary>Parses command-line arguments; a bad one throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static LoadToolOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadToolOptions();
        bool rateGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            rateGiven |= name == "--rate";
            if (name == "--no-actions")
            {
                options = options with { InstructorActions = false };
                continue;
            }
            if (name == "--flood")
            {
                options = options with { Flood = true };
                continue;
            }
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{name} needs a value.");
                }
                return args[++i];
            }
            options = name switch
            {
                "--viewers" => options with { Viewers = Int(name, Value(), 0, MaxViewers) },
                "--pages" => options with { Pages = Int(name, Value(), 0, MaxPages) },
                "--sandboxes" => options with { Sandboxes = Int(name, Value(), 0, MaxSandboxes) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Int(name, Value(), 5, MaxDurationSeconds)) },
                "--rate" => options with { UpdatesPerSecond = Int(name, Value(), MinUpdatesPerSecond, MaxUpdatesPerSecond) },
                "--url" => options with { Url = LoopbackUrl(Value()) },
                "--pattern" => options with { PatternId = NonEmpty(name, Value()) },
                "--seed" => options with { Seed = Long(name, Value()) },
                "--chromium" => options with { ChromiumPath = NonEmpty(name, Value()) },
                "--clients" => options with { FloodClients = Int(name, Value(), 1, MaxFloodClients) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Run with --help to list the options."),
            };
        }
        if (options.Flood)
        {
            return options.InProcess
                ? options
                : throw new ArgumentException("--flood counts the server's logged errors and reads its heap, so it needs the in-process app; leave out --url.");
        }
        if (options.Viewers + options.Pages == 0)
        {
            throw new ArgumentException("Nothing to measure: give --viewers or --pages a value above 0.");
        }
        if (rateGiven && !options.InProcess)
        {
            throw new ArgumentException("--rate sets the publish rate of the app this tool starts; a running app keeps its own (Sessions:SnapshotsPerSecond).");
        }
        if (options.Sandboxes > 0 && !options.InProcess)
        {
            throw new ArgumentException("--sandboxes measures the server's heap, so it needs the in-process app; leave out --url.");
        }
        return options;
    }

    /// <summary>Accepts only http(s) addresses on this machine: the tool must never load someone else's server.</summary>
    public static Uri LoopbackUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url must be an http or https address such as http://127.0.0.1:5000/; got '{text}'.");
        }
        bool loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException($"--url must point at this machine (localhost, 127.0.0.1 or [::1]); '{uri.Host}' is refused.");
        }
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static int Int(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw new ArgumentException($"{name} must be a whole number; got '{text}'.");
        }
        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must be between {min} and {max}; got {value}.");
        }
        return value;
    }

    private static long Long(string name, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new ArgumentException($"{name} must be a whole number; got '{text}'.");

    private static string NonEmpty(string name, string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"{name} needs a value.") : text.Trim();
}
