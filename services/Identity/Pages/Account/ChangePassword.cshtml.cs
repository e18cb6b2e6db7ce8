using Microsoft.AspNetCore.Mvc;
using UnionPlatform.Identity.UseCases;
using static UnionPlatform.Identity.Pages.Texts;

namespace UnionPlatform.Identity.Pages.Account;

/// <summary>The forced change after a first sign-in or an administrator's reset.</summary>
public sealed class ChangePasswordModel(SignInSteps steps) : SignInPage(steps)
{
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Steps.PendingAsync() is null ? Restart() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Steps.PendingAsync() is not { } pending) return Restart();
        if (string.IsNullOrEmpty(NewPassword)) Error = T("Required");
        else if (NewPassword != ConfirmPassword) Error = T("PasswordsDiffer");
        else
        {
            var result = await Steps.ChangePasswordAsync(pending.Account, NewPassword, pending.CodeVerified);
            if (result.Succeeded) return await GoOnAsync(pending.Account, pending.CodeVerified);
            Error = T("PasswordRule");
        }
        (NewPassword, ConfirmPassword) = (null, null);
        return Page();
    }
}
