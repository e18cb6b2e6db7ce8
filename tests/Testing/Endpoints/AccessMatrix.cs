using System.Net;
using System.Text;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Testing.Endpoints;

/// <summary>
/// The platform's access rule, checked on every endpoint a service maps (see <see cref="EndpointCatalog"/>), against
/// records of <see cref="RoleMatrix.RecordDistrict"/>: no token 401; agency 403; auditor 403 on writes; staff without a
/// district 403; city-admin-only endpoints 403 to everyone else; another district's staff 404 on the record (a 400 is
/// allowed only where the record's own district also gets the 400, i.e. the body was refused before any lookup);
/// lists show another district's staff nothing of the record's district and its own staff something.
/// </summary>
public static class AccessMatrix
{
    public delegate HttpClient ClientFor(IReadOnlyList<string> roles, string? district);

    /// <summary>Checks every endpoint; returns one line per violation (empty when the rule holds everywhere).</summary>
    public static async Task<List<string>> CheckAsync(IReadOnlyList<ApiEndpoint> endpoints, Func<HttpClient> anonymous, ClientFor client,
        Func<ApiEndpoint, string, string> routeValue)
    {
        var (record, other) = (RoleMatrix.RecordDistrict, RoleMatrix.OtherDistrict);
        var clients = new
        {
            Anonymous = anonymous(),
            Agency = client([UnionRoles.Agency], null),
            Auditor = client([UnionRoles.Auditor], null),
            NoDistrict = client([UnionRoles.DistrictStaff], null),
            Other = client([UnionRoles.DistrictStaff], other),
            Own = client([UnionRoles.DistrictStaff], record),
            Admin = client([UnionRoles.CityAdmin], null),
        };
        var failures = new List<string>();
        foreach (var endpoint in endpoints.Where(e => e.Access != Access.Anonymous))
        {
            var url = Url(endpoint, routeValue);
            async Task<(HttpStatusCode Status, string Body)> Send(HttpClient c)
            {
                using var response = await c.SendAsync(Request(endpoint, url));
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            void Expect(string who, HttpStatusCode actual, params HttpStatusCode[] allowed)
            {
                if (!allowed.Contains(actual)) failures.Add($"{endpoint.Method} {url} as {who}: {(int)actual}, expected {string.Join(" or ", allowed.Select(a => (int)a))}");
            }
            void Refuse(string who, HttpStatusCode actual, params HttpStatusCode[] refused)
            {
                if (refused.Contains(actual) || (int)actual >= 500) failures.Add($"{endpoint.Method} {url} as {who}: {(int)actual}");
            }

            Expect("anonymous", (await Send(clients.Anonymous)).Status, HttpStatusCode.Unauthorized);
            Expect("agency", (await Send(clients.Agency)).Status, HttpStatusCode.Forbidden);
            Expect("district staff without a district", (await Send(clients.NoDistrict)).Status, HttpStatusCode.Forbidden);
            var auditor = (await Send(clients.Auditor)).Status;
            if (endpoint.Access == Access.Read) Refuse("auditor", auditor, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            else Expect("auditor", auditor, HttpStatusCode.Forbidden);

            // Another district first: the own district's request may change the record (an expel, a dissolve).
            var (otherStatus, otherBody) = await Send(clients.Other);
            var (ownStatus, ownBody) = await Send(clients.Own);
            if (endpoint.Access == Access.CityAdmin)
            {
                Expect($"staff of {other}", otherStatus, HttpStatusCode.Forbidden);
                Expect($"staff of {record}", ownStatus, HttpStatusCode.Forbidden);
            }
            else if (endpoint.IsList)
            {
                Expect($"staff of {other}", otherStatus, ownStatus);
                if (ownStatus == HttpStatusCode.OK)
                {
                    if (Mentions(otherBody, record)) failures.Add($"{endpoint.Method} {url} as staff of {other}: the list shows {record}'s records");
                    if (!Mentions(ownBody, record)) failures.Add($"{endpoint.Method} {url} as staff of {record}: the list is empty (an empty page proves nothing)");
                }
            }
            else
            {
                Refuse($"staff of {record}", ownStatus, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
                if (ownStatus == HttpStatusCode.BadRequest) Expect($"staff of {other}", otherStatus, HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
                else Expect($"staff of {other}", otherStatus, HttpStatusCode.NotFound);
            }
            Refuse("city admin", (await Send(clients.Admin)).Status, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        }
        return failures;
    }

    // Views name their district as districtId (records) or scope (figures per district).
    private static bool Mentions(string json, string district) =>
        new[] { "districtId", "district", "scope" }.Any(key => json.Contains($"\"{key}\":\"{district}\"", StringComparison.Ordinal));

    public static string Url(ApiEndpoint endpoint, Func<ApiEndpoint, string, string> routeValue)
    {
        var url = endpoint.Route;
        foreach (var parameter in endpoint.RouteParameters) url = url.Replace("{" + parameter + "}", Uri.EscapeDataString(routeValue(endpoint, parameter)));
        return url;
    }

    /// <summary>The request with an empty body of the endpoint's content type: enough to reach authorization and scoping.</summary>
    public static HttpRequestMessage Request(ApiEndpoint endpoint, string url, string? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            var type = endpoint.BodyType ?? "application/json";
            request.Content = new StringContent(body ?? (type == "application/json" ? "{}" : ""), Encoding.UTF8, type);
        }
        return request;
    }
}
