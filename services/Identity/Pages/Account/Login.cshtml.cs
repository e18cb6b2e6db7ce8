using Microsoft.AspNetCore.Mvc;
using UnionPlatform.Identity.UseCases;
using static UnionPlatform.Identity.Pages.Texts;

namespace UnionPlatform.Identity.Pages.Account;

public sealed class LoginModel(SignInSteps steps) : SignInPage(steps)
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public bool Expired { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        Expired = false;
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = T("Required");
            return Page();
        }
        var result = await Steps.PasswordAsync(UserName, Password);
        Password = null; // never echoed back into the page
        if (!result.Succeeded)
        {
            Error = result.LockedOut ? T("LockedOut") : T("SignInFailed");
            return Page();
        }
        return await GoOnAsync(result.Account!, codeVerified: false);
    }
}
