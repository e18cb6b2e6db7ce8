using UnionPlatform.Membership;
using UnionPlatform.Membership.Data;
using UnionPlatform.Messaging.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapMembershipApi();
await app.RunOrMigrateAsync<MembershipDbContext>(args);

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
