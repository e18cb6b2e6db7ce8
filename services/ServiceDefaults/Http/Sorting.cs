using System.Linq.Expressions;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// ?sort=joinedOn or ?sort=-joinedOn (descending) over the keys a list offers; anything else is a 400 naming
/// "sort" and the keys. The record's id always breaks ties, so paging stays stable.
/// </summary>
public sealed class Sorting<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Expression<Func<T, Guid>> _id;

    public Sorting(Expression<Func<T, Guid>> id) => _id = id;

    public Sorting<T> By<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _keys[name] = (q, descending) => descending ? q.OrderByDescending(key) : q.OrderBy(key);
        return this;
    }

    /// <summary>The query in the asked order (the first key when none was asked), or null with the error added.</summary>
    public IQueryable<T>? Apply(IQueryable<T> query, string? sort, Validation validation)
    {
        var descending = sort?.StartsWith('-') == true;
        var name = descending ? sort![1..] : sort;
        var order = string.IsNullOrEmpty(name) ? _keys.Values.First()
            : _keys.GetValueOrDefault(name);
        if (order is null)
        {
            validation.Add("sort", $"One of {string.Join(", ", _keys.Keys)}, with a leading '-' for descending.");
            return null;
        }
        var ordered = order(query, descending);
        return descending ? ordered.ThenByDescending(_id) : ordered.ThenBy(_id);
    }
}
