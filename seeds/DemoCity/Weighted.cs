namespace UnionPlatform.Seeds;

/// <summary>Picks items in proportion to their weights (cumulative table, binary search).</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one positive weight is required.", nameof(entries));
        _items = list.Select(e => e.Item).ToArray();
        _cumulative = new double[list.Length];
        var total = 0.0;
        for (var i = 0; i < list.Length; i++) _cumulative[i] = total += list[i].Weight;
    }

    public T Pick(ref Prng rng)
    {
        var x = rng.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        i = i < 0 ? ~i : i + 1; // an exact hit on a boundary belongs to the next item
        return _items[Math.Min(i, _items.Length - 1)];
    }
}
