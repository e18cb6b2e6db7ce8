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

/// <summary>
/// The assembly's marker for WebApplicationFactory. The entry point stays internal, so a test that hosts the provider
/// beside a service (whose Program is public) sees one Program.
/// </summary>
public sealed class IdentityService;

/// <summary>Internal on purpose (the SDK would make it public): see <see cref="IdentityService"/>.</summary>
internal partial class Program;
