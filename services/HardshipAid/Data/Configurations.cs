using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Documents;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.HardshipAid.Data;

internal sealed class HardshipFileConfiguration : IEntityTypeConfiguration<HardshipFile>
{
    public void Configure(EntityTypeBuilder<HardshipFile> e)
    {
        // No row becomes filed without its signed consent form, whatever writes it: a trigger (migration FileDocuments)
        // checks the step into Filed, not the rows filed before documents were kept.
        e.ToTable("hardship_files");
        e.Property(f => f.Id).ValueGeneratedNever();
        e.Property(f => f.DistrictId).HasMaxLength(50);
        e.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.ExitReason).HasConversion<string>().HasMaxLength(20);
        // Sensitive personal information (PIPL: income, health among the causes, the staff's reasons): encrypted at rest.
        // Nothing queries them in SQL; the category computed from them is plain.
        e.Property(f => f.AnnualIncome).IsPersonalData();
        e.Property(f => f.EssentialCosts).IsPersonalData();
        e.Property(f => f.Causes).IsPersonalData();
        e.Property(f => f.ClosingReason).IsPersonalData();
        e.Property(f => f.AllowanceApplied).HasPrecision(10, 2);
        e.Ignore(f => f.Income);
        e.Property(f => f.Version).IsRowVersion();
        // One open file per member: an exited worker may apply again, never hold two files at once.
        e.HasIndex(f => f.MemberId).IsUnique().HasDatabaseName(HardshipConstraints.OneOpenFilePerMember)
            .HasFilter("state NOT IN ('Exited', 'Cancelled', 'Rejected')");
        e.HasIndex(f => new { f.DistrictId, f.State });
        // The consent form is one of this file's own documents (both columns), never another file's.
        e.HasOne<StoredDocument>().WithMany().HasForeignKey(nameof(HardshipFile.ConsentDocumentId), nameof(HardshipFile.Id))
            .HasPrincipalKey(nameof(StoredDocument.Id), nameof(StoredDocument.OwnerId)).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AidGrantConfiguration : IEntityTypeConfiguration<AidGrant>
{
    public void Configure(EntityTypeBuilder<AidGrant> e)
    {
        e.ToTable("aid_grants");
        e.Property(g => g.Id).ValueGeneratedNever();
        e.Property(g => g.DistrictId).HasMaxLength(50);
        e.Property(g => g.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(g => g.StudyLevel).HasConversion<string>().HasMaxLength(20);
        e.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(g => g.Amount).HasPrecision(12, 2);
        e.Property(g => g.OutOfPocketCost).HasPrecision(12, 2);
        e.Property(g => g.RejectionCode).HasMaxLength(50);
        e.Property(g => g.RejectionText).HasMaxLength(500);
        e.Ignore(g => g.Purpose);
        e.Property(g => g.Version).IsRowVersion();
        e.HasOne<HardshipFile>().WithMany().HasForeignKey(g => g.FileId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.FileId, g.AidYear, g.Type });
        e.HasIndex(g => new { g.MemberId, g.AidYear, g.Type });
        e.HasIndex(g => new { g.DistrictId, g.Status });
    }
}

internal sealed class MinimumLivingAllowanceConfiguration : IEntityTypeConfiguration<MinimumLivingAllowance>
{
    public void Configure(EntityTypeBuilder<MinimumLivingAllowance> e)
    {
        e.ToTable("minimum_living_allowances");
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.DistrictId).HasMaxLength(50);
        e.Property(a => a.Amount).HasPrecision(10, 2);
        e.HasIndex(a => new { a.DistrictId, a.EffectiveFrom }).IsUnique().HasDatabaseName(HardshipConstraints.OneStandardPerDistrictAndDate);
    }
}

internal sealed class EligibleMemberConfiguration : IEntityTypeConfiguration<EligibleMember>
{
    public void Configure(EntityTypeBuilder<EligibleMember> e)
    {
        e.ToTable("eligible_members");
        e.HasKey(m => m.MemberId);
        e.Property(m => m.MemberId).ValueGeneratedNever();
        e.Property(m => m.DistrictId).HasMaxLength(50);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Version).IsRowVersion();
    }
}

public static class HardshipConstraints
{
    public const string OneOpenFilePerMember = "ux_hardship_files_open_member";
    public const string OneStandardPerDistrictAndDate = "ux_minimum_living_allowances_district_effective";
}
