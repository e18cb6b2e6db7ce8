using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Api;

/// <summary>The payment requests Finance received, and what became of each (reserved, posted, rejected with the reason).</summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments").WithTags("Payments").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListPayments").WithSummary("Payment requests in the caller's districts, newest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetPayment").WithSummary("One payment request, by its request id.");
        return group;
    }

    private static async Task<Results<Ok<Paged<PaymentView>>, ValidationProblem>> List(PaymentState? state, string? districtId, Guid? payingUnionId,
        int? page, int? pageSize, ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(districtId is { Length: > 50 }, "districtId", "At most 50 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Payments.AsNoTracking().Where(p => (scope.District == null || p.DistrictId == scope.District)
            && (districtId == null || p.DistrictId == districtId) && (state == null || p.State == state) && (payingUnionId == null || p.PayingUnionId == payingUnionId));
        return TypedResults.Ok(await query.OrderByDescending(p => p.RequestedAt).ThenBy(p => p.Id).ToPageAsync(page, pageSize, PaymentView.From, ct));
    }

    private static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return payment is not null && user.DistrictScope().Allows(payment.DistrictId) ? TypedResults.Ok(PaymentView.From(payment)) : Problems.NotFound("The payment");
    }
}
