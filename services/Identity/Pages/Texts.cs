using System.Globalization;

namespace UnionPlatform.Identity.Pages;

/// <summary>
/// The sign-in pages' words: Chinese first (the default), English when the request's culture is English
/// (?culture=en, the culture cookie, or the browser's Accept-Language).
/// </summary>
public static class Texts
{
    private static readonly Dictionary<string, (string Zh, string En)> All = new()
    {
        ["Title"] = ("江州市总工会 · 工会服务平台", "Jiangzhou Federation of Trade Unions · Union Platform"),
        ["SignIn"] = ("登录", "Sign in"),
        ["UserName"] = ("用户名", "User name"),
        ["Password"] = ("密码", "Password"),
        ["SignInFailed"] = ("用户名或密码不正确。", "The user name or password is not correct."),
        ["LockedOut"] = ("登录失败次数过多，账号已锁定 15 分钟。", "Too many failed attempts: the account is locked for 15 minutes."),
        ["Required"] = ("请填写此项。", "Please fill in this field."),
        ["ChangePassword"] = ("设置新密码", "Choose a new password"),
        ["ChangePasswordIntro"] = ("首次登录或密码被重置后，请先设置您自己的密码。", "Before going on, choose a password of your own."),
        ["NewPassword"] = ("新密码", "New password"),
        ["ConfirmPassword"] = ("确认新密码", "Confirm the new password"),
        ["PasswordRule"] = ("至少 10 个字符，包含小写字母和数字，不能与原密码相同。", "At least 10 characters with lower-case letters and digits, not the old password."),
        ["PasswordsDiffer"] = ("两次输入的密码不一致。", "The two passwords differ."),
        ["Continue"] = ("继续", "Continue"),
        ["Authenticator"] = ("绑定身份验证器", "Set up an authenticator app"),
        ["AuthenticatorIntro"] = ("市级管理员账号须使用身份验证器应用（动态口令）。请用应用扫描二维码，或手动输入密钥，然后输入应用显示的 6 位数字。",
            "City admin accounts need an authenticator app. Scan the code with the app, or type the key, then enter the 6 digits it shows."),
        ["Key"] = ("密钥", "Key"),
        ["Code"] = ("动态口令（6 位数字）", "Code (6 digits)"),
        ["EnterCode"] = ("输入动态口令", "Enter your code"),
        ["EnterCodeIntro"] = ("请输入身份验证器应用显示的 6 位数字。", "Enter the 6 digits your authenticator app shows."),
        ["WrongCode"] = ("动态口令不正确或已过期。", "The code is wrong or has expired."),
        ["Expired"] = ("登录步骤已过期，请重新登录。", "This sign-in has expired: please sign in again."),
        ["SignedOut"] = ("您已退出登录。", "You are signed out."),
        ["SignInAgain"] = ("重新登录", "Sign in again"),
        ["Language"] = ("English", "中文"),
        ["SignedIn"] = ("您已登录，可以关闭此页面。", "You are signed in; you may close this page."),
    };

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string key) => All.TryGetValue(key, out var text) ? English ? text.En : text.Zh : key;

    /// <summary>The other language's culture name, for the switch link.</summary>
    public static string OtherCulture => English ? "zh-CN" : "en";
}
