using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UnionPlatform.Testing.Oidc;
using UnionPlatform.Testing.PlatformHost;

namespace UnionPlatform.Portal.Tests.Support;

/// <summary>A person at the portal in their own browser context: signs in through the provider's pages as people do.</summary>
public sealed class PortalSession(IBrowserContext context, IPage page, Platform platform) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<PortalSession> OpenAsync(Browser browser, Platform platform)
    {
        var context = await browser.NewContextAsync(platform.Gateway);
        return new PortalSession(context, await context.NewPageAsync(), platform);
    }

    /// <summary>
    /// Opens <paramref name="path"/>, is sent to the provider's sign-in page, signs in (with an authenticator code
    /// for a city admin, enrolling the key the first time) and waits until the portal's page is interactive.
    /// </summary>
    public async Task SignInAsync(string userName, string path = "/")
    {
        var authenticatorKey = platform.AuthenticatorKeys.GetValueOrDefault(userName);
        await Page.GotoAsync(path);
        await Page.WaitForURLAsync(new Regex("/identity/account/login"));
        await Page.Locator("#user-name").FillAsync(userName);
        await Page.Locator("#password").FillAsync(Platform.DemoPassword);
        await Page.Locator("button[type=submit]").ClickAsync();
        if (authenticatorKey is not null || userName == "city-admin")
        {
            await Page.Locator("#code").WaitForAsync();
            var key = authenticatorKey ?? await Page.Locator("[data-authenticator-key]").GetAttributeAsync("data-authenticator-key")
                      ?? throw new InvalidOperationException("Neither a known key nor an enrolment page.");
            platform.AuthenticatorKeys[userName] = key;
            await Page.Locator("#code").FillAsync(Totp.Code(key));
            await Page.Locator("button[type=submit]").ClickAsync();
        }
        await WaitUntilInteractiveAsync();
    }

    /// <summary>The portal's marker, rendered only once the circuit is up: a click before that does nothing.</summary>
    public Task WaitUntilInteractiveAsync() =>
        Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
