using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.UseCases;

namespace UnionPlatform.Identity.Pages.Account;

/// <summary>What every sign-in page shares: the return URL (local only) and the move to the next step.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class SignInPage(SignInSteps steps) : PageModel
{
    protected SignInSteps Steps => steps;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; protected set; }

    /// <summary>Only a path on this site: an absolute URL here would make the sign-in page an open redirect.</summary>
    protected string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/account/signed-in");

    protected async Task<IActionResult> GoOnAsync(StaffAccount account, bool codeVerified)
    {
        var step = await steps.NextAsync(account, codeVerified);
        if (step == SignInSteps.Step.Done)
        {
            await steps.CompleteAsync(account, codeVerified);
            return LocalRedirect(SafeReturnUrl);
        }
        var page = step switch
        {
            SignInSteps.Step.ChangePassword => "/Account/ChangePassword",
            SignInSteps.Step.EnrolAuthenticator => "/Account/Authenticator",
            _ => "/Account/Code",
        };
        return RedirectToPage(page, new { ReturnUrl });
    }

    /// <summary>The pending sign-in expired or went stale: back to the password, keeping where the person was going.</summary>
    protected IActionResult Restart() => RedirectToPage("/Account/Login", new { ReturnUrl, expired = true });
}
