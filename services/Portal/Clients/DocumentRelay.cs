using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using UnionPlatform.Portal.SignIn;

namespace UnionPlatform.Portal.Clients;

/// <summary>
/// Shows a record's document in the browser: the portal fetches it from the service as the signed-in person and
/// streams it through with the service's headers (type, length, ETag, no-store, nosniff, sandbox). The person's token
/// stays on the server, so the browser cannot ask the gateway itself.
/// </summary>
public static class DocumentRelay
{
    private static readonly string[] Passed = ["ETag", "Cache-Control", "X-Content-Type-Options", "Content-Security-Policy"];

    public static WebApplication MapDocumentRelay(this WebApplication app)
    {
        app.MapGet("/documents/hardship-files/{fileId:guid}/{documentId:guid}", (Guid fileId, Guid documentId, HttpContext http) =>
                RelayAsync(http, $"hardship/api/hardship-files/{fileId}/documents/{documentId}"))
            .RequireAuthorization(PortalSignIn.StaffPolicy);
        return app;
    }

    private static async Task RelayAsync(HttpContext http, string path)
    {
        var ct = http.RequestAborted;
        var sessions = http.RequestServices.GetRequiredService<TokenSessions>();
        var token = http.User.FindFirstValue(TokenSessions.SessionClaim) is { } id ? await sessions.AccessTokenAsync(id, ct) : null;
        if (token is null)
        {
            SignInAgain(http);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        HttpResponseMessage response;
        try
        {
            response = await http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(GatewayCaller.Client)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.ExecutionRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // the portal's status page says so
            return;
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                SignInAgain(http);
                return;
            }
            // A refusal gets the portal's own page for its status (never the service's JSON in a browser tab).
            http.Response.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) return;
            foreach (var name in Passed)
                if (response.Headers.TryGetValues(name, out var values)) http.Response.Headers[name] = values.ToArray();
            if (response.StatusCode == HttpStatusCode.NotModified) return;
            var content = response.Content.Headers;
            http.Response.ContentType = content.ContentType?.ToString();
            http.Response.ContentLength = content.ContentLength;
            if (content.ContentDisposition is { } disposition) http.Response.Headers.ContentDisposition = disposition.ToString();
            await response.Content.CopyToAsync(http.Response.Body, ct);
        }
    }

    private static void SignInAgain(HttpContext http) =>
        http.Response.Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(http.Request.Path)}");
}
