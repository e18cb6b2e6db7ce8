using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.WebEncoders;
using MudBlazor.Services;
using UnionPlatform.Portal.Clients;
using UnionPlatform.Portal.Components;
using UnionPlatform.Portal.Localization;
using UnionPlatform.Portal.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPortalSignIn();
builder.AddPortalLocalization();
builder.AddServiceClients();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
// Snackbars appear and go without fading: half-transparent text is unreadable (and fails the contrast scans).
builder.Services.AddMudServices(o =>
{
    o.SnackbarConfiguration.ShowTransitionDuration = 0;
    o.SnackbarConfiguration.HideTransitionDuration = 0;
});
// Chinese text stays readable in the HTML (and smaller) instead of &#x...; escapes.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var app = builder.Build();
// Behind the gateway: the sign-in redirect must name the gateway's address, not the portal's own port.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All });
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/not-found", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
// Pages ask for staff themselves (Pages/_Imports.razor): the few anonymous ones, and Blazor's own endpoints, must not.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapSignInEndpoints();
app.MapDocumentRelay();
app.MapCultureSwitch();
app.MapDefaultEndpoints();

app.Run();
