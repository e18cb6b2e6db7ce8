using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// An error answered before the body was read (404 for an unknown union, 401, 415) must still reach the client.
/// If the server closes with an upload unread, the proxy in front (YARP, then HttpClient) fails on the broken pipe
/// and turns the answer into a 502. So before such an answer starts, the rest of the body is read and dropped, up to
/// the largest body any endpoint of this service accepts: routing's own 415 for a wrong content type has no limit of
/// its own, yet the upload was meant for the roster endpoint. Larger bodies are refused by their declared length
/// (<see cref="RequestSizeLimit"/>, and the gateway), so the drain never reads more than a real upload.
/// </summary>
public sealed class EarlyAnswerDrain(RequestDelegate next, BodyLimits limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            context.Response.OnStarting(static state => ((EarlyAnswerDrain)((object[])state)[0]).DrainAsync((HttpContext)((object[])state)[1]),
                new object[] { this, context });
        return next(context);
    }

    private async Task DrainAsync(HttpContext context)
    {
        if (context.Response.StatusCode < 400 || context.RequestAborted.IsCancellationRequested) return;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limits.Largest;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0) { }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // Over the limit, or the client went away: nothing more to save; the answer goes out as it is.
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
