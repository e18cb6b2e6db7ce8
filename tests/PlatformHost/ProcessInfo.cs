using System.Text;

namespace UnionPlatform.Testing.PlatformHost;

/// <summary>
/// Just enough of Linux's /proc to prove a test leaves nothing running: which processes descend from ours, and
/// which still mention a folder (the local servers' scripts, PostgreSQL and RabbitMQ's epmd, even reparented).
/// </summary>
public static class ProcessInfo
{
    /// <summary>A process, told apart from a later one that reuses its id by its start time (clock ticks since boot).</summary>
    public readonly record struct Identity(int Pid, long StartTicks);

    /// <summary>
    /// Everything an in-process AppHost started: our descendants, plus DCP's API server, which detaches (its parent
    /// is init) and says whom it serves with "--monitor OUR_PID", and all of its descendants (the controllers, the
    /// servers' scripts, PostgreSQL, RabbitMQ, epmd, the services).
    /// </summary>
    public static HashSet<Identity> StartedBy(int host)
    {
        var roots = AllPids().Where(pid => IsDcpMonitoring(pid, host)).Append(host).ToList();
        var found = DescendantsOf(roots);
        foreach (var pid in roots.Where(pid => pid != host))
            if (Stat(pid) is { } stat) found.Add(new Identity(pid, stat.StartTicks));
        return found;
    }

    private static bool IsDcpMonitoring(int pid, int host)
    {
        var args = Read($"/proc/{pid}/cmdline").Split('\0');
        if (args.Length < 2 || Path.GetFileName(args[0]) != "dcp") return false;
        for (var i = 1; i < args.Length - 1; i++)
            if (args[i] == "--monitor" && args[i + 1] == host.ToString(System.Globalization.CultureInfo.InvariantCulture)) return true;
        return false;
    }

    private static HashSet<Identity> DescendantsOf(IEnumerable<int> roots)
    {
        var children = new Dictionary<int, List<Identity>>();
        foreach (var pid in AllPids())
        {
            if (Stat(pid) is not { } stat) continue;
            if (!children.TryGetValue(stat.ParentPid, out var list)) children[stat.ParentPid] = list = [];
            list.Add(new Identity(pid, stat.StartTicks));
        }
        var found = new HashSet<Identity>();
        var pending = new Queue<int>(roots);
        while (pending.TryDequeue(out var pid))
        {
            if (!children.TryGetValue(pid, out var list)) continue;
            foreach (var child in list)
                if (found.Add(child)) pending.Enqueue(child.Pid);
        }
        return found;
    }

    /// <summary>Waits until none of <paramref name="started"/> runs and no process names <paramref name="folder"/>; returns what is left.</summary>
    public static async Task<List<string>> WaitUntilGoneAsync(IReadOnlyCollection<Identity> started, string folder, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = started.Where(IsRunning).Select(p => p.Pid)
                .Union(AllPids().Where(pid => Mentions(pid, folder)))
                .Distinct().Order().Select(Describe).ToList();
            if (left.Count == 0 || DateTime.UtcNow > deadline) return left;
            await Task.Delay(250);
        }
    }

    private static bool IsRunning(Identity process) =>
        Stat(process.Pid) is { } stat && stat.StartTicks == process.StartTicks && stat.State != 'Z';

    /// <summary>The folder in the command line or the environment (rabbitmq.sh exports HOME=its data folder to epmd and the broker).</summary>
    private static bool Mentions(int pid, string folder)
    {
        if (Stat(pid) is not { State: not 'Z' } || pid == Environment.ProcessId) return false;
        return Read($"/proc/{pid}/cmdline").Contains(folder, StringComparison.Ordinal)
               || Read($"/proc/{pid}/environ").Contains(folder, StringComparison.Ordinal);
    }

    private static string Describe(int pid)
    {
        var command = Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        return $"  {pid}: {(command.Length > 200 ? command[..200] + "…" : command)}";
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, out var pid) ? pid : 0).Where(pid => pid > 0);

    private readonly record struct StatLine(char State, int ParentPid, long StartTicks);

    /// <summary>/proc/PID/stat: "pid (comm) state ppid … starttime(22nd)"; comm may hold spaces and parentheses.</summary>
    private static StatLine? Stat(int pid)
    {
        var line = Read($"/proc/{pid}/stat");
        var end = line.LastIndexOf(')');
        if (end < 0) return null;
        var fields = line[(end + 2)..].Split(' ');
        // fields[0] is the 3rd field (state), so the 22nd field is fields[19].
        return fields.Length > 19 && int.TryParse(fields[1], out var parent) && long.TryParse(fields[19], out var start)
            ? new StatLine(fields[0][0], parent, start) : null;
    }

    private static string Read(string path)
    {
        try { return Encoding.UTF8.GetString(File.ReadAllBytes(path)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return ""; }
    }
}
