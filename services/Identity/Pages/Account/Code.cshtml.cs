using Microsoft.AspNetCore.Mvc;
using UnionPlatform.Identity.UseCases;
using static UnionPlatform.Identity.Pages.Texts;

namespace UnionPlatform.Identity.Pages.Account;

/// <summary>The authenticator code of an enrolled city admin.</summary>
public sealed class CodeModel(SignInSteps steps) : SignInPage(steps)
{
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Steps.PendingAsync() is null ? Restart() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Steps.PendingAsync() is not { } pending) return Restart();
        if (string.IsNullOrWhiteSpace(Code)) { Error = T("Required"); return Page(); }
        var (succeeded, lockedOut) = await Steps.CodeAsync(pending.Account, Code, enrolling: false);
        if (succeeded) return await GoOnAsync(pending.Account, codeVerified: true);
        if (lockedOut) return RedirectToPage("/Account/Login", new { ReturnUrl });
        (Error, Code) = (T("WrongCode"), null);
        return Page();
    }
}
