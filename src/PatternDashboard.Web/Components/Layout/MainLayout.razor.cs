using MudBlazor;

namespace PatternDashboard.Web.Components.Layout;

/// <summary>The app shell: app bar with the theme toggle, the pattern navigation, and the page.</summary>
public partial class MainLayout
{
    private bool drawerOpen = true;
    private bool isDarkMode;

    /// <summary>MudBlazor's theme, tuned for projectors: darker text, no all-caps buttons, slightly larger small text.</summary>
    internal static MudTheme Theme { get; } = CreateTheme();

    private static MudTheme CreateTheme()
    {
        var theme = new MudTheme();
        theme.PaletteLight.Primary = "#3b34c2";
        theme.PaletteLight.AppbarBackground = "#3b34c2";
        theme.PaletteLight.TextPrimary = "rgba(20,20,20,1)";
        theme.PaletteLight.TextSecondary = "rgba(0,0,0,0.72)";
        theme.PaletteDark.TextPrimary = "rgba(255,255,255,0.92)";
        theme.PaletteDark.TextSecondary = "rgba(255,255,255,0.75)";
        theme.Typography.Button.TextTransform = "none";
        theme.Typography.Button.FontSize = "0.95rem";
        theme.Typography.Body2.FontSize = "0.95rem";
        return theme;
    }
}
