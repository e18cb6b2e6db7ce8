using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

/// <summary>A member's unmasked national ID and phone, answered only after the reveal is recorded.</summary>
public sealed record RevealedPersonalData(Guid MemberId, string NationalId, string Phone, DateTimeOffset RevealedAt);

public sealed record RevealView(string RevealedBy, string? RevealedByDistrict, DateTimeOffset RevealedAt)
{
    public static RevealView From(PersonalDataReveal r) => new(r.RevealedBy, r.RevealedByDistrict, r.RevealedAt);
}

/// <summary>Lists show national IDs and phones masked; reading them in full is this explicit, recorded action.</summary>
public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/members").WithTags("Members");
        group.MapPost("/{id:guid}/reveal", Reveal).WithName("RevealMemberPersonalData").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The member's full national ID and phone; who asked, and when, is recorded first.")
            .WithDescription("Staff of the member's district and city admins. The answer is not cached (Cache-Control: no-store).");
        group.MapGet("/{id:guid}/reveals", Reveals).WithName("ListPersonalDataReveals").RequireAuthorization(UnionPolicies.Read)
            .WithSummary("Who read this member's full national ID and phone, and when, newest first.");
        return group;
    }

    private static async Task<Results<Ok<RevealedPersonalData>, ProblemHttpResult>> Reveal(Guid id, HttpContext http, MembershipDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null || !http.User.DistrictScope().Allows(member.DistrictId)) return Problems.NotFound("The member");
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10)); // what PostgreSQL keeps (microseconds), so the answer matches the record
        var actor = http.User.Identity?.Name is { Length: > 0 } name ? name[..Math.Min(name.Length, PersonalDataReveal.MaxActorLength)] : "unknown";
        db.Reveals.Add(new PersonalDataReveal(Guid.CreateVersion7(now), member.Id, actor, http.User.DistrictScope().District, now));
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RevealedPersonalData(member.Id, member.NationalId, member.Phone, now));
    }

    private static async Task<Results<Ok<List<RevealView>>, ProblemHttpResult>> Reveals(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var district = await db.Members.Where(m => m.Id == id).Select(m => m.DistrictId).FirstOrDefaultAsync(ct);
        if (district is null || !user.DistrictScope().Allows(district)) return Problems.NotFound("The member");
        var reveals = await db.Reveals.AsNoTracking().Where(r => r.MemberId == id).OrderByDescending(r => r.RevealedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(reveals.Select(RevealView.From).ToList());
    }
}
