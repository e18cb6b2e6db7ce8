using UnionPlatform.HardshipAid;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.Messaging.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApiDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApiDefaults();
app.MapHardshipAidApi();
await app.RunOrMigrateAsync<HardshipDbContext>(args);

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
