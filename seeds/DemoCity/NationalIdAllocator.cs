using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Seeds;

/// <summary>
/// Hands out national IDs that are unique by construction: one counter per (area code, birth date, sex) cell, each
/// cell holding 499 sequence numbers (odd for men, even for women, as the standard has it). A full cell spills to
/// the next day, so uniqueness never depends on luck. The counters take about 1.5 MB however many members there are.
/// Sequences within a cell are a keyed permutation, so they look issued rather than counted (not 001, 003, 005...).
/// </summary>
internal sealed class NationalIdAllocator
{
    private const int PerCell = 499; // prime, so any stride walks every slot

    private readonly string[] _areaCodes;
    private readonly DateOnly _earliest;
    private readonly int _days;
    private readonly ushort[] _issued;
    private readonly uint _key;

    public NationalIdAllocator(IReadOnlyList<string> areaCodes, DateOnly earliest, DateOnly latest, int seed)
    {
        _areaCodes = [.. areaCodes];
        _earliest = earliest;
        _days = latest.DayNumber - earliest.DayNumber + 1;
        _issued = new ushort[_areaCodes.Length * _days * 2];
        _key = (uint)Prng.Mix((ulong)(uint)seed ^ 0x1D);
    }

    /// <summary>A new ID and the birth date it encodes: the one asked for unless that day was full.</summary>
    public string Next(int area, DateOnly wanted, bool male, out DateOnly born)
    {
        var day = Math.Clamp(wanted.DayNumber - _earliest.DayNumber, 0, _days - 1);
        for (var tried = 0; tried < _days; tried++, day = (day + 1) % _days)
        {
            var cell = ((area * _days) + day) * 2 + (male ? 1 : 0);
            int k = _issued[cell];
            if (k == PerCell) continue;
            _issued[cell]++;
            var offset = (int)(Prng.Mix((ulong)cell ^ _key) % PerCell);
            var slot = (k * 257 + offset) % PerCell;
            var sequence = 2 * slot + (male ? 1 : 2); // 001-997 odd for men, 002-998 even for women
            born = _earliest.AddDays(day);
            return NationalId.Create(_areaCodes[area], born, sequence);
        }
        throw new InvalidOperationException($"Every birth date for area {_areaCodes[area]} is full.");
    }
}
