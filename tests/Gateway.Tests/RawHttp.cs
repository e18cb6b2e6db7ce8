using System.Net.Sockets;
using System.Text;

namespace UnionPlatform.Gateway.Tests;

/// <summary>
/// A client that behaves as curl and browsers do with a large upload: it keeps reading while it sends, so it hears
/// an early answer (413, 404) even when the server stops reading and closes. HttpClient gives up on the broken pipe
/// instead, which would hide what the gateway answered.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, string ContentType, string Body, bool SentWholeBody);

    public static async Task<Response> PostAsync(Uri server, string path, string contentType, long bodyBytes, bool chunked, string? bearer)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\n");
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {bodyBytes}\r\n");
        if (bearer is not null) head.Append($"Authorization: Bearer {bearer}\r\n");
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        var sending = SendBodyAsync(stream, bodyBytes, chunked); // errors ignored: the server may stop reading
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync() ?? throw new IOException("no response");
        var status = int.Parse(statusLine.Split(' ')[1]);
        var (type, length, chunkedResponse) = ("", -1, false);
        while (await reader.ReadLineAsync() is { Length: > 0 } header)
        {
            var (name, value) = (header[..header.IndexOf(':')].Trim(), header[(header.IndexOf(':') + 1)..].Trim());
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) type = value;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value);
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) chunkedResponse = value.Contains("chunked");
        }
        var body = new StringBuilder();
        if (chunkedResponse)
            while (await reader.ReadLineAsync() is { } size && Convert.ToInt32(size.Split(';')[0], 16) is var n and > 0)
            {
                var chunk = new char[n];
                await reader.ReadBlockAsync(chunk);
                body.Append(chunk);
                await reader.ReadLineAsync();
            }
        else if (length >= 0)
        {
            var chars = new char[length];
            var read = await reader.ReadBlockAsync(chars);
            body.Append(chars, 0, read);
        }
        var sentAll = sending.IsCompletedSuccessfully;
        tcp.Close();
        try { await sending; } catch (Exception) { /* expected when the server answered early */ }
        return new Response(status, type.Split(';')[0], body.ToString(), sentAll);
    }

    private static async Task SendBodyAsync(NetworkStream stream, long bytes, bool chunked)
    {
        var block = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        for (long sent = 0; sent < bytes; sent += block.Length)
        {
            var n = (int)Math.Min(block.Length, bytes - sent);
            if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"));
            await stream.WriteAsync(block.AsMemory(0, n));
            if (chunked) await stream.WriteAsync("\r\n"u8.ToArray());
        }
        if (chunked) await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    }
}
