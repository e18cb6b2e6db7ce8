namespace UnionPlatform.ServiceDefaults;

/// <summary>
/// Names of the Aspire resources. The AppHost, the services (as connection-string keys) and the tests share them,
/// so a rename cannot silently disconnect anything. The AppHost links this file rather than referencing the project.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";

    public const string MembershipDb = "membershipdb";
    public const string HardshipDb = "hardshipdb";
    public const string FinanceDb = "financedb";
    public const string IdentityDb = "identitydb";

    public const string Membership = "membership";
    public const string HardshipAid = "hardship";
    public const string FinanceAudit = "finance";
    public const string Gateway = "gateway";
    public const string Identity = "identity";
    public const string Portal = "portal";
}
