using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Layout;

/// <summary>The app shell: app bar with the theme toggle, the pattern navigation, and the page.</summary>
public partial class MainLayout
{
    private bool drawerOpen = true;
    private bool isDarkMode;

    [Inject] public required IJSRuntime JS { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            // Nothing depends on the mark inside the app, so a failure needs no message.
            await SafeRun.TryAsync(async () => await JS.InvokeVoidAsync("patternDashboard.markInteractive", RendererInfo.Name));
        }
    }

    /// <summary>
    /// MudBlazor's theme, tuned for projectors and for WCAG AA: every palette colour used as text or as a button's
    /// background keeps 4.5:1 against the surface (light) or its dark-theme counterpart; no all-caps buttons.
    /// </summary>
    internal static MudTheme Theme { get; } = CreateTheme();

    private static MudTheme CreateTheme()
    {
        var theme = new MudTheme();
        theme.PaletteLight.Primary = "#3b34c2";
        theme.PaletteLight.AppbarBackground = "#3b34c2";
        theme.PaletteLight.TextPrimary = "rgba(20,20,20,1)";
        theme.PaletteLight.TextSecondary = "rgba(0,0,0,0.72)";
        theme.PaletteLight.Secondary = "#a3195b";
        theme.PaletteLight.Error = "#c62828";
        theme.PaletteLight.Warning = "#8a5300";
        theme.PaletteLight.Success = "#2e7d32";
        theme.PaletteLight.Info = "#1565c0";
        theme.PaletteDark.Primary = "#a59eff";
        theme.PaletteDark.Secondary = "#ff80ab";
        theme.PaletteDark.Error = "#ff8a80";
        theme.PaletteDark.Warning = "#ffb74d";
        theme.PaletteDark.Success = "#81c784";
        theme.PaletteDark.Info = "#64b5f6";
        // Light colours on a dark theme take dark text on filled buttons.
        theme.PaletteDark.PrimaryContrastText = "#000000";
        theme.PaletteDark.SecondaryContrastText = "#000000";
        theme.PaletteDark.ErrorContrastText = "#000000";
        theme.PaletteDark.WarningContrastText = "#000000";
        theme.PaletteDark.SuccessContrastText = "#000000";
        theme.PaletteDark.InfoContrastText = "#000000";
        theme.PaletteDark.TextPrimary = "rgba(255,255,255,0.92)";
        theme.PaletteDark.TextSecondary = "rgba(255,255,255,0.75)";
        theme.Typography.Button.TextTransform = "none";
        theme.Typography.Button.FontSize = "0.95rem";
        theme.Typography.Body2.FontSize = "0.95rem";
        return theme;
    }
}
