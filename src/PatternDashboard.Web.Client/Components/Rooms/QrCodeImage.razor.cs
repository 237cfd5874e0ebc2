using Microsoft.AspNetCore.Components;
using QRCoder;

namespace PatternDashboard.Web.Components.Rooms;

/// <summary>A QR code of a text (a join link), drawn as SVG that scales to its box, with an accessible name.</summary>
public partial class QrCodeImage
{
    private string? encoded;

    /// <summary>What the code holds. Required.</summary>
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    /// <summary>The accessible name, read instead of the picture. Required.</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";

    private MarkupString Svg { get; set; }

    protected override void OnParametersSet()
    {
        if (Text == encoded)
        {
            return; // drawing the code is the costly part; the text rarely changes
        }
        encoded = Text;
        using var data = QRCodeGenerator.GenerateQrCode(Text, QRCodeGenerator.ECCLevel.M);
        // Black on white whatever the theme: scanners need the contrast. The SVG is generated, not user markup.
        Svg = new MarkupString(new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute));
    }
}
