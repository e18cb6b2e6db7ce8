using System.Net;
using System.Net.Sockets;

namespace UnionPlatform.Testing;

/// <summary>
/// A loopback TCP proxy in front of a real server. Stop() cuts every connection and refuses new ones, as an outage
/// looks to a client. BlackHole() wedges every open connection for good (bytes are read and dropped, nothing is
/// closed or answered) and accepts new ones that are never answered either; Heal() lets new connections through
/// again while the wedged ones stay wedged, as with a client library whose channel never recovers. The server
/// itself keeps running, so other tests are not disturbed.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;
    private volatile bool _blackHoled;
    private int _generation; // connections of an older generation than the last black hole are wedged
    private volatile int _wedgedBelow;

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        _cts = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _cts.Token);
    }

    /// <summary>From now on bytes are read and dropped; nothing is closed, nothing is answered.</summary>
    public void BlackHole()
    {
        _wedgedBelow = Interlocked.Increment(ref _generation);
        _blackHoled = true;
    }

    /// <summary>New connections work again; the ones open during the black hole stay wedged until their owner closes them.</summary>
    public void Heal() => _blackHoled = false;

    public void Stop()
    {
        _cts?.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var c in _connections) c.Dispose();
            _connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }
            if (_blackHoled)
            {
                lock (_connections) _connections.Add(client);
                _ = DrainAsync(client, ct); // accepted, and never answered
                continue;
            }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(_target, ct); }
            catch (Exception) { client.Dispose(); upstream.Dispose(); continue; }
            lock (_connections) { _connections.Add(client); _connections.Add(upstream); }
            var generation = Volatile.Read(ref _generation);
            _ = PumpAsync(client, upstream, generation, ct);
            _ = PumpAsync(upstream, client, generation, ct);
        }
    }

    private static async Task DrainAsync(TcpClient client, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try { while (await client.GetStream().ReadAsync(buffer, ct) > 0) { } }
        catch (Exception) { /* closed by either side */ }
        finally { client.Dispose(); }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, int generation, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var (input, output) = (from.GetStream(), to.GetStream());
            while (await input.ReadAsync(buffer, ct) is var read and > 0)
                if (generation >= _wedgedBelow) await output.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        catch (Exception) { /* a cut connection is the point */ }
        finally { from.Dispose(); to.Dispose(); }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
