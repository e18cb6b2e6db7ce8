using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Identity.Domain;

namespace UnionPlatform.Identity.Data;

/// <summary>
/// Accounts (ASP.NET Core Identity's tables), the sign-in history, and OpenIddict's applications, authorizations,
/// scopes and tokens, in the service's own database (identitydb).
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<StaffAccount, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<SignInRecord> SignIns => Set<SignInRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.UseOpenIddict();
        model.Entity<StaffAccount>(account =>
        {
            account.Property(a => a.DisplayName).HasMaxLength(100).IsRequired();
            account.Property(a => a.Role).HasMaxLength(32).IsRequired();
            account.Property(a => a.District).HasMaxLength(64);
            // The rule of StaffAccount.Assign, kept by the database too: staff have a district, nobody else does.
            account.ToTable(t => t.HasCheckConstraint("ck_staff_district",
                "(role = 'district-staff' AND district IS NOT NULL) OR (role <> 'district-staff' AND district IS NULL)"));
        });
        model.Entity<SignInRecord>(record =>
        {
            record.ToTable("sign_ins");
            record.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(32);
            record.HasIndex(r => new { r.AccountId, r.OccurredAt });
            record.HasOne<StaffAccount>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
