using Microsoft.AspNetCore.Mvc;
using QRCoder;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.UseCases;
using static UnionPlatform.Identity.Pages.Texts;

namespace UnionPlatform.Identity.Pages.Account;

/// <summary>
/// Enrolment of a city admin's authenticator app at the first sign-in: a new key, shown as a QR code (an otpauth://
/// URI) and as text; the first correct code switches two-factor sign-in on.
/// </summary>
public sealed class AuthenticatorModel(SignInSteps steps) : SignInPage(steps)
{
    private const string Issuer = "江州工会平台";

    [BindProperty] public string? Code { get; set; }
    public string Key { get; private set; } = "";
    public string QrCodePng { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await Steps.PendingAsync() is not { } pending) return Restart();
        Show(pending.Account, await Steps.NewAuthenticatorKeyAsync(pending.Account));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Steps.PendingAsync() is not { } pending) return Restart();
        if (!string.IsNullOrWhiteSpace(Code))
        {
            var (succeeded, lockedOut) = await Steps.CodeAsync(pending.Account, Code, enrolling: true);
            if (succeeded) return await GoOnAsync(pending.Account, codeVerified: true);
            if (lockedOut) return RedirectToPage("/Account/Login", new { ReturnUrl });
            Error = T("WrongCode");
        }
        else Error = T("Required");
        Code = null;
        Show(pending.Account, await Steps.AuthenticatorKeyAsync(pending.Account) ?? await Steps.NewAuthenticatorKeyAsync(pending.Account));
        return Page();
    }

    private void Show(StaffAccount account, string key)
    {
        Key = key;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account.UserName!)}" +
                  $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodePng = Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
