using UnionPlatform.Identity.Domain;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;
using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.Identity.Tests.SignIn;

public sealed class LockoutTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        var account = await app.AccountAsync(UnionRoles.DistrictStaff, "jiangbei");
        for (var i = 1; i <= 5; i++)
        {
            var attempt = app.SignIn();
            Assert.Null(await attempt.SignInAsync(new SignInClient.Person(account.UserName!, $"wrong-password-{i}")));
            Assert.Contains(i < 5 ? "用户名或密码不正确" : "账号已锁定 15 分钟", attempt.LastPage);
        }
        var right = app.SignIn();
        Assert.Null(await right.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password)));
        Assert.Contains("账号已锁定", right.LastPage);

        var lockedUntil = await app.WithDbAsync(db => db.Users.Where(a => a.Id == account.Id).Select(a => a.LockoutEnd).SingleAsync());
        Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var history = await app.WithDbAsync(db => db.SignIns.Where(s => s.AccountId == account.Id).Select(s => s.Outcome).ToListAsync());
        Assert.Equal(4, history.Count(o => o == SignInOutcome.WrongPassword));
        Assert.Equal(2, history.Count(o => o == SignInOutcome.LockedOut));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var account = await app.AccountAsync(UnionRoles.Auditor);
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Users.SingleAsync(a => a.Id == account.Id);
            tracked.Disable();
            return await db.SaveChangesAsync();
        });
        var client = app.SignIn();
        Assert.Null(await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password)));
        Assert.Contains("用户名或密码不正确", client.LastPage); // nothing tells a stranger the account exists
    }

    [Fact]
    public async Task The_pages_speak_english_when_asked()
    {
        using var browser = app.Browser();
        var page = await browser.GetStringAsync("account/login?culture=en");
        Assert.Contains("User name", page);
        Assert.Contains("lang=\"en\"", page);
        var chinese = await app.Browser().GetStringAsync("account/login");
        Assert.Contains("用户名", chinese);
    }
}
