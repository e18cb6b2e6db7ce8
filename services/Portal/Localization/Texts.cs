namespace UnionPlatform.Portal.Localization;

/// <summary>
/// The portal's words: Texts.zh-CN.resx (the default) and Texts.en.resx, read through IStringLocalizer&lt;Texts&gt;.
/// Keys are names, not sentences, so a missing translation shows up as a key (and a test fails), never as the other language.
/// </summary>
public sealed class Texts;
