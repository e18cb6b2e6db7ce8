using Microsoft.Playwright;

namespace UnionPlatform.Portal.Tests.Support;

/// <summary>
/// One headless Chromium for the suite: Debian's (/usr/bin/chromium, installed by eng/install.sh), since
/// Playwright's own download needs the internet. Each test gets a fresh context: its own cookies, nobody signed in.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where Chromium is; CHROMIUM_PATH overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: run eng/install.sh (apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A new context (a person at their own machine) opening pages under <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        // Generous for a loaded 2-core machine; a page that never comes fails with what it was waiting for.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
