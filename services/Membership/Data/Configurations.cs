using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.Membership.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.Property(o => o.Id).ValueGeneratedNever();
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.DistrictId).HasMaxLength(50);
        e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(o => o.State).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Organisation>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(o => new { o.DistrictId, o.Kind });
        e.HasIndex(o => o.ParentId);
        e.Property(o => o.Version).IsRowVersion();
    }
}

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.DistrictId).HasMaxLength(50);
        e.Property(x => x.Industry).HasMaxLength(50);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.UnionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.DistrictId, x.Industry });
        e.HasIndex(x => x.UnionId);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> e)
    {
        e.Property(m => m.Id).ValueGeneratedNever();
        // Sensitive personal information (PIPL): encrypted at rest; the keyed hash finds and de-duplicates national IDs.
        e.Property(m => m.NationalId).IsPersonalData();
        e.Property(m => m.Phone).IsPersonalData();
        e.HasKeyedHash(nameof(Member.NationalId), MembershipConstraints.NationalIdHash);
        // The key invariant: one person, one membership record, whatever the concurrency.
        e.HasIndex(MembershipConstraints.NationalIdHash).IsUnique().HasDatabaseName(MembershipConstraints.OneMembershipPerNationalId);
        e.Property(m => m.Name).HasMaxLength(100); // plain: staff search by name prefix
        e.Property(m => m.DistrictId).HasMaxLength(50);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Version).IsRowVersion();
        e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.UnionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enterprise>().WithMany().HasForeignKey(m => m.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(m => m.History).WithOne().HasForeignKey(h => h.MemberId);
        e.Navigation(m => m.History).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_history");
        e.HasIndex(m => new { m.DistrictId, m.Status });
        e.HasIndex(m => new { m.UnionId, m.Status });
        e.HasIndex(m => m.EnterpriseId);
    }
}

internal sealed class MemberHistoryConfiguration : IEntityTypeConfiguration<MemberHistoryEntry>
{
    public void Configure(EntityTypeBuilder<MemberHistoryEntry> e)
    {
        e.ToTable("member_history");
        e.Property(h => h.Id).ValueGeneratedNever();
        e.Property(h => h.Change).HasConversion<string>().HasMaxLength(30);
        e.Property(h => h.DistrictId).HasMaxLength(50);
        e.Property(h => h.Reason).HasMaxLength(50);
        e.Property(h => h.Sequence).UseIdentityAlwaysColumn();
        e.HasIndex(h => new { h.MemberId, h.Sequence });
    }
}

internal sealed class PersonalDataRevealConfiguration : IEntityTypeConfiguration<PersonalDataReveal>
{
    public void Configure(EntityTypeBuilder<PersonalDataReveal> e)
    {
        e.ToTable("personal_data_reveals");
        e.Property(r => r.Id).ValueGeneratedNever();
        e.Property(r => r.RevealedBy).HasMaxLength(PersonalDataReveal.MaxActorLength);
        e.Property(r => r.RevealedByDistrict).HasMaxLength(50);
        e.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.MemberId, r.RevealedAt });
    }
}

internal sealed class CoverageDeltaConfiguration : IEntityTypeConfiguration<CoverageDelta>
{
    public void Configure(EntityTypeBuilder<CoverageDelta> e)
    {
        e.HasKey(c => new { c.DistrictId, c.Month });
        e.Property(c => c.DistrictId).HasMaxLength(50);
    }
}

public static class MemberQueries
{
    /// <summary>The member with this national ID, found by its keyed hash (the column itself is ciphertext).</summary>
    public static IQueryable<Member> WithNationalId(this IQueryable<Member> members, byte[] nationalIdHash) =>
        members.Where(m => EF.Property<byte[]>(m, MembershipConstraints.NationalIdHash) == nationalIdHash);
}

public static class MembershipConstraints
{
    public const string OneMembershipPerNationalId = "ux_members_national_id";
    /// <summary>The shadow property (column national_id_hash) keyed-hashing the normalised national ID.</summary>
    public const string NationalIdHash = "NationalIdHash";
}
