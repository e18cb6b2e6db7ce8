using MudBlazor;

namespace UnionPlatform.Portal.Components.Layout;

/// <summary>The union's red, with text colours dark enough for WCAG AA contrast on every surface.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            AppbarBackground = "#B71C1C",
            Secondary = "#8D6E00",
            TextSecondary = "rgba(0,0,0,0.70)",
            // MudBlazor's defaults (#F44336, #FF9800, ...) fail AA contrast as text on white and on the alerts' tints.
            Error = "#B71C1C",
            Warning = "#8D5300",
            Info = "#01579B",
            Success = "#1B5E20",
            ActionDefault = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"] },
        },
    };
}
