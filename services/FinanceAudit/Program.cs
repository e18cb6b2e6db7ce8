using UnionPlatform.FinanceAudit;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.Messaging.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapFinanceAuditApi();
await app.RunOrMigrateAsync<FinanceDbContext>(args);

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
