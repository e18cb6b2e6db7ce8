namespace UnionPlatform.Seeds;

/// <summary>
/// Deterministic, UUIDv7-shaped ids. The 48-bit timestamp is the reference date plus the record's index in
/// milliseconds, so ids are unique per kind by construction and sort in generation order (cheap B-tree appends
/// when the records are copied into PostgreSQL); a 12-bit kind tag keeps kinds apart; the rest is seeded noise.
/// </summary>
internal sealed class SeedIds(int seed, DateOnly referenceDate)
{
    public const ushort Organisation = 1, Enterprise = 2, Member = 3, HardshipFile = 4;

    private readonly long _baseMs = new DateTimeOffset(referenceDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        .ToUnixTimeMilliseconds();

    public Guid Create(ushort kind, long index)
    {
        var ms = _baseMs + index;
        var noise = Prng.Mix(Prng.Mix((ulong)(uint)seed ^ ((ulong)kind << 48)) ^ (ulong)index);
        return new Guid(
            (int)(ms >> 16),
            (short)ms,
            (short)(0x7000 | (kind & 0x0FFF)),
            (byte)(0x80 | ((noise >> 56) & 0x3F)),
            (byte)(noise >> 48), (byte)(noise >> 40), (byte)(noise >> 32),
            (byte)(noise >> 24), (byte)(noise >> 16), (byte)(noise >> 8), (byte)noise);
    }
}
