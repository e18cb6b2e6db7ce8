using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>One page of a list, with the total so clients can page on.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int MaxPageSize = 200;
    /// <summary>Beyond this, (page - 1) × pageSize no longer fits the offset PostgreSQL takes.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static Validation CheckPaging(this Validation v, int? page, int? pageSize) => v
        .When(page is < 1 or > MaxPage, "page", $"Between 1 and {MaxPage}.")
        .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"Between 1 and {MaxPageSize}.");

    public static async Task<Paged<TView>> ToPageAsync<T, TView>(this IQueryable<T> query, int? page, int? pageSize,
        Func<T, TView> view, CancellationToken ct)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<TView>(items.Select(view).ToList(), p, size, total);
    }
}
