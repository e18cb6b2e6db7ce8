using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.Authorization;
using UnionPlatform.Portal.SignIn;

namespace UnionPlatform.Portal.Clients;

/// <summary>
/// Every call the portal makes: to the gateway, as the signed-in person (the circuit's user and its session's
/// access token). Scoped to the circuit on purpose: an HttpClient handler lives in the factory's own scope and
/// cannot see who is signed in.
/// </summary>
public sealed class GatewayCaller(IHttpClientFactory http, AuthenticationStateProvider auth, TokenSessions sessions)
{
    public const string Client = "gateway";
    /// <summary>Large uploads (a roster): no retries, and as long as the service takes to import, not the 30 s of a page call.</summary>
    public const string UploadClient = "gateway-uploads";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<T> GetAsync<T>(string service, string path, CancellationToken ct = default)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Get, path), ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    public async Task<T> PostAsync<T>(string service, string path, object? body, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await SendAsync(service, request, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    public async Task<T> PutAsync<T>(string service, string path, object body, CancellationToken ct = default)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    /// <summary>Sends as the signed-in person; a problem, an unavailable service or an ended session become exceptions the pages show.</summary>
    public async Task<HttpResponseMessage> SendAsync(string service, HttpRequestMessage request, CancellationToken ct, string client = Client)
    {
        using (request)
        {
            var user = (await auth.GetAuthenticationStateAsync()).User;
            var token = user.FindFirstValue(TokenSessions.SessionClaim) is { } id ? await sessions.AccessTokenAsync(id, ct) : null;
            if (token is null) throw new SessionEndedException();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            HttpResponseMessage response;
            try
            {
                response = await http.CreateClient(client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            // Refused by the resilience pipeline (timeout, open circuit) or not reached at all.
            catch (Exception ex) when (ex is HttpRequestException or Polly.ExecutionRejectedException
                                       || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                throw new ServiceUnavailableException(service, ex);
            }
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                    or HttpStatusCode.InternalServerError)
                    throw new ServiceUnavailableException(service);
                if (response.StatusCode == HttpStatusCode.Unauthorized) throw new SessionEndedException();
                throw new ApiProblemException(ApiProblem.Read((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
            }
        }
    }
}
