using Microsoft.AspNetCore.Http.HttpResults;
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
        app.MapPost("/api/unions/{unionId:guid}/roster", Import).WithName("ImportRoster").WithTags("Members")
            .RequireAuthorization(UnionPolicies.Write).Accepts<string>("text/csv", SpreadsheetReader.MediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRosterBytes))
            .WithSummary("Imports an enterprise's roster (an Excel workbook or CSV) into a union: new people join, former members of the district re-enrol.")
            .WithDescription("An .xlsx workbook (its first sheet), or text/csv in UTF-8 or GB18030/GBK (charset parameter, or none to let the bytes " +
                "decide). Columns, named in the first row: nationalId, name, " +
                "phone, and optionally enterpriseCreditCode, joinedOn (yyyy-MM-dd). Invalid rows are reported by line; the valid ones are imported.");
        return app;
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult, ValidationProblem>> Import(Guid unionId, [AsParameters] ImportRequest r)
    {
        var (http, db, ct) = (r.Http, r.Db, r.Http.RequestAborted);
        var union = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == unionId, ct);
        if (union is null || !http.User.DistrictScope().Allows(union.DistrictId)) return Problems.NotFound("The union");
        if (!union.AdmitsMembers) return Problems.Conflict("This union does not admit members.", union.State.ToString());
        MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType);
        if (string.Equals(mediaType?.MediaType.Value, SpreadsheetReader.MediaType, StringComparison.OrdinalIgnoreCase))
            return TypedResults.Ok(await r.Import.RunAsync(union, SpreadsheetReader.ReadAsync(http.Request.Body, ct), http.Id(), ct));
        if (!string.Equals(mediaType?.MediaType.Value, "text/csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem(title: $"Send the roster as an Excel workbook ({SpreadsheetReader.MediaType}) or as text/csv.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        var charset = mediaType!.Charset.Value;
        if (charset is not null && CsvReader.Declared(charset) is null)
            return new Validation().Add("charset", "utf-8 or gb18030 (gbk), or none to let the file's bytes decide.").Problem();
        return TypedResults.Ok(await r.Import.RunAsync(union, CsvReader.ReadAsync(http.Request.Body, CsvReader.Declared(charset), ct), http.Id(), ct));
    }
}

/// <summary>What the roster import needs, bound per request.</summary>
public sealed record ImportRequest(HttpContext Http, MembershipDbContext Db, RosterImport Import);
