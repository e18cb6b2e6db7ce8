using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>When, and on whose request, a change happens: the city's date, the instant, the request's correlation id.</summary>
public readonly record struct Moment(DateOnly Today, DateTimeOffset Now, Guid CorrelationId);

/// <summary>
/// The one way a handler changes one record: load it tracked; 404 when it is missing or outside the caller's districts;
/// apply the rule (which may answer a problem it found on the record; a DomainException becomes a 409 on its own);
/// save, in a transaction when the rule also writes set-based; answer the record's view.
/// </summary>
public static class RecordChange
{
    public static async Task<Results<Ok<TView>, ProblemHttpResult, ValidationProblem>> ApplyAsync<TEntity, TView>(
        DbContext db, HttpContext http, TimeProvider time, IQueryable<TEntity> records, Expression<Func<TEntity, bool>> which,
        Func<TEntity, string> districtOf, string what, Func<TEntity, Moment, Task<ProblemHttpResult?>> apply, Func<TEntity, TView> view,
        bool transaction = false) where TEntity : class
    {
        var ct = http.RequestAborted;
        await using var tx = transaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var record = await records.FirstOrDefaultAsync(which, ct);
        if (record is null || !http.User.DistrictScope().Allows(districtOf(record))) return Problems.NotFound(what);
        if (await apply(record, new Moment(time.Today(), time.GetUtcNow(), http.Id())) is { } problem) return problem;
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return TypedResults.Ok(view(record));
    }

    /// <summary>For rules that never answer a problem of their own.</summary>
    public static Func<TEntity, Moment, Task<ProblemHttpResult?>> Always<TEntity>(Action<TEntity, Moment> change) => (record, at) =>
    {
        change(record, at);
        return Task.FromResult<ProblemHttpResult?>(null);
    };
}
