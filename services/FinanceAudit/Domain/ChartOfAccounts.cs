namespace UnionPlatform.FinanceAudit.Domain;

/// <summary>An account's code and name in the union's chart of accounts (工会会计制度).</summary>
public sealed record AccountTitle(string Code, string Name);

/// <summary>The chart of accounts, from configuration ("ChartOfAccounts": kind → code and name); an account it omits shows its kind.</summary>
public sealed class ChartOfAccounts(IReadOnlyDictionary<AccountKind, AccountTitle> titles)
{
    public const string Section = "ChartOfAccounts";

    public AccountTitle Title(AccountKind account) => titles.TryGetValue(account, out var title) ? title : new AccountTitle(account.ToString(), account.ToString());
}
