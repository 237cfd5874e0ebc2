using System.Globalization;

namespace PatternDashboard.LoadTool;

/// <summary>
/// CPU time used by this process's descendants (the Playwright driver and the Chromium it launched), read from
/// Linux's /proc. The browsers do the pages' work, deserializing and rendering every update; the server's figure
/// leaves them out, so this one tells what a page costs the device that shows it. Null where /proc is missing.
/// </summary>
internal static class ChildProcessCpu
{
    // /proc reports times in clock ticks; Linux fixes USER_HZ at 100 on every architecture it runs .NET on.
    private const double TicksPerSecond = 100;

    public static TimeSpan? Descendants()
    {
        if (!Directory.Exists("/proc/self"))
        {
            return null;
        }
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || ReadStat(dir) is not { } stat)
            {
                continue;
            }
            parents[pid] = stat.Parent;
            ticks[pid] = stat.Ticks;
        }
        int root = Environment.ProcessId;
        long total = 0;
        foreach (var (pid, used) in ticks)
        {
            if (pid != root && DescendsFrom(pid, root, parents))
            {
                total += used;
            }
        }
        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    private static bool DescendsFrom(int pid, int root, Dictionary<int, int> parents)
    {
        // Bounded walk: a process exiting mid-read can leave a parent link that points nowhere.
        for (int hops = 0; hops < 64 && parents.TryGetValue(pid, out int parent); hops++)
        {
            if (parent == root)
            {
                return true;
            }
            pid = parent;
        }
        return false;
    }

    /// <summary>Parent pid and user plus system ticks; the command name may hold spaces, so fields count from its closing parenthesis.</summary>
    private static (int Parent, long Ticks)? ReadStat(string dir)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state, ppid, ..., utime is the 12th and stime the 13th field (0-based 11 and 12).
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended while being read
        }
    }
}
