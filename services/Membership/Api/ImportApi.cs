using UnionPlatform.Membership.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using UnionPlatform.Membership.Data;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

public static class ImportApi
{
    /// <summary>Rosters are large: 100k rows of CSV are ~8 MB, so the import gets its own, larger body limit.</summary>
    public const long MaxRosterBytes = 256L * 1024 * 1024;

    /// <summary>POST /api/unions/{unionId}/roster with a text/csv body: nationalId,name,phone[,enterpriseCreditCode][,joinedOn].</summary>
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/unions/{unionId:guid}/roster", async Task<IResult> (Guid unionId, HttpContext http, MembershipDbContext db, RosterImport import, CancellationToken ct) =>
        {
            var union = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == unionId, ct);
            if (union is null || !http.User.DistrictScope().Allows(union.DistrictId)) return Problems.NotFound("The union");
            if (!union.AdmitsMembers) return Problems.Conflict("This union does not admit members.", union.State.ToString());
            if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
                || !string.Equals(mediaType.MediaType.Value, "text/csv", StringComparison.OrdinalIgnoreCase))
                return TypedResults.Problem(title: "Send the roster as text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            var charset = mediaType.Charset.Value;
            if (charset is not null && CsvReader.Declared(charset) is null)
                return new Validation().Add("charset", "utf-8 or gb18030 (gbk), or none to let the file's bytes decide.").Problem();
            return TypedResults.Ok(await import.RunAsync(union, http.Request.Body, CsvReader.Declared(charset), http.Id(), ct));
        }).WithTags("Members").RequireAuthorization(UnionPolicies.Write).Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRosterBytes));
        return app;
    }
}
