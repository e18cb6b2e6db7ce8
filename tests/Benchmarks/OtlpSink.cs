using System.Net;
using System.Net.Sockets;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// An OTLP/HTTP receiver that accepts and discards, so the service pays what exporting costs it (serialising and
/// sending every batch) without a collector on the machine. HttpListener, not ASP.NET Core: the service's tracer
/// would trace the sink's requests, and export those. Counts what it received, to show export really ran.
/// </summary>
public sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private long _bytes, _requests;

    public OtlpSink()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Requests => Interlocked.Read(ref _requests);

    private async Task ServeAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            int read;
            while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0) Interlocked.Add(ref _bytes, read);
            Interlocked.Increment(ref _requests);
            context.Response.ContentType = "application/x-protobuf"; // an empty Export*ServiceResponse: all accepted
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
