using UnionPlatform.Identity;
using UnionPlatform.Identity.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityProvider();
builder.AddSignInPages();

var app = builder.Build();
app.UseSignInPages();
app.MapIdentityEndpoints();
if (args.Contains("--migrate")) await ProviderStartup.MigrateAsync(app.Services, CancellationToken.None);
else await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
