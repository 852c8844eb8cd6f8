using System.Globalization;
using System.Text;
using QrAspire.QrEngine.Rendering;

namespace QrAspire.QrEngine.Styling;

/// <summary>The frame designs: where the border and the call-to-action label go around the code.</summary>
public enum FrameDesign
{
    /// <summary>The code inside a border that widens below into a solid band carrying the text.</summary>
    BannerBottom,

    /// <summary>The same with the band above the code.</summary>
    BannerTop,

    /// <summary>A thin border around the code with the text under it, on the code's background (text optional).</summary>
    Box,

    /// <summary>A rounded label under the code with a pointer up towards it.</summary>
    Bubble,
}

/// <summary>
/// A frame with call-to-action text around the code. The code keeps its size (<see cref="QrStyle.Size"/>, quiet zone
/// included) and the image grows to hold the frame; the frame never enters the quiet zone. Text is drawn as glyph
/// outlines of the embedded DejaVu Sans Bold, so no output needs a font.
/// </summary>
/// <param name="Design">Where the border and label go.</param>
/// <param name="Text">The call to action, at most <see cref="MaxTextLength"/> characters; required except for <see cref="FrameDesign.Box"/>.</param>
public sealed record QrFrame(FrameDesign Design, string? Text)
{
    /// <summary>The longest text accepted, in characters (text elements, so "é" counts once however it is typed).</summary>
    public const int MaxTextLength = 30;

    /// <summary>The border and label colour (opaque), or null for the style's foreground.</summary>
    public QrColour? Colour { get; init; }

    /// <summary>
    /// The text colour (opaque), or null for the best of black and white on a band (banner, bubble) and the frame colour
    /// under a box.
    /// </summary>
    public QrColour? TextColour { get; init; }

    /// <summary>The text as drawn: trimmed and in Unicode normal form C (precomposed, so one glyph per letter where the font has it).</summary>
    public string DisplayText => (Text ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The wire name of a design (<c>banner_bottom</c>, <c>banner_top</c>, <c>box</c>, <c>bubble</c>).</summary>
    public static string WireName(FrameDesign design) => design switch
    {
        FrameDesign.BannerBottom => "banner_bottom",
        FrameDesign.BannerTop => "banner_top",
        FrameDesign.Box => "box",
        FrameDesign.Bubble => "bubble",
        _ => design.ToString(),
    };

    /// <summary>Reads a design's wire name.</summary>
    /// <exception cref="QrEngineException"><c>qr.invalid_style</c> naming <c>style.frame.design</c>.</exception>
    public static FrameDesign ParseDesign(string? name)
    {
        foreach (var design in Enum.GetValues<FrameDesign>())
        {
            if (string.Equals(WireName(design), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return design;
            }
        }

        throw new QrEngineException(
            QrErrorCodes.InvalidStyle,
            "style.frame.design",
            $"Unknown frame design '{name}'; use {string.Join(", ", Enum.GetValues<FrameDesign>().Select(WireName))}.");
    }

    /// <summary>The frame colour as drawn.</summary>
    internal QrColour FrameColourIn(QrStyle style) => Colour ?? style.Foreground.Over(style.Background.Over(QrColour.White));

    /// <summary>What the text sits on: the band for banners and bubbles, the code's background in a box.</summary>
    internal QrColour TextGroundIn(QrStyle style) => Design == FrameDesign.Box ? style.Background : FrameColourIn(style);

    /// <summary>The text colour as drawn.</summary>
    internal QrColour TextColourIn(QrStyle style)
    {
        if (TextColour is { } colour)
        {
            return colour;
        }

        var ground = TextGroundIn(style);
        if (Design == FrameDesign.Box)
        {
            return FrameColourIn(style);
        }

        return ColourContrast.Ratio(QrColour.White, ground) >= ColourContrast.Ratio(QrColour.Black, ground) ? QrColour.White : QrColour.Black;
    }

    /// <summary>Checks the design, text (length, glyphs) and colours (opaque, text legible on its ground).</summary>
    /// <exception cref="QrEngineException">A specific error naming <c>style.frame.*</c>.</exception>
    internal void Validate(QrStyle style)
    {
        if (!Enum.IsDefined(Design))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.frame.design", $"Unknown frame design '{Design}'.");
        }

        var text = DisplayText;
        var length = new StringInfo(text).LengthInTextElements;
        if (length > MaxTextLength)
        {
            throw new QrEngineException(QrErrorCodes.FieldTooLong, "style.frame.text", $"Frame text has {length} characters; at most {MaxTextLength} fit on a frame.");
        }

        if (length == 0 && Design != FrameDesign.Box)
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.frame.text", $"The {WireName(Design)} frame needs a text, e.g. \"Scan me\".");
        }

        if (GlyphOutlines.FirstMissing(text) is { } missing)
        {
            throw new QrEngineException(
                QrErrorCodes.InvalidStyle,
                "style.frame.text",
                string.Create(CultureInfo.InvariantCulture, $"The frame font (DejaVu Sans Bold) has no glyph for '{missing}' (U+{missing.Value:X4}); use Latin, Greek or Cyrillic letters, digits and common symbols."));
        }

        if (Colour is { IsOpaque: false })
        {
            throw new QrEngineException(QrErrorCodes.InvalidColour, "style.frame.colour", "The frame colour must be opaque (#RRGGBB).");
        }

        if (TextColour is { IsOpaque: false })
        {
            throw new QrEngineException(QrErrorCodes.InvalidColour, "style.frame.textColour", "The frame text colour must be opaque (#RRGGBB).");
        }

        if (length == 0)
        {
            return;
        }

        // Either way round is legible (white on a dark band, dark on a light one); 3:1 is WCAG's ratio for large bold text.
        var ground = TextGroundIn(style);
        var colour = TextColourIn(style);
        var ratio = ColourContrast.Ratio(colour, ground);
        if (ratio < ColourContrast.MinimumRatio)
        {
            throw new QrEngineException(
                QrErrorCodes.ContrastTooLow,
                TextColour is null && Design == FrameDesign.Box ? "style.frame.colour" : "style.frame.textColour",
                string.Create(CultureInfo.InvariantCulture, $"Frame text {colour} on {ground} has a contrast ratio of {ratio:0.00}:1; at least {ColourContrast.MinimumRatio:0.0}:1 is needed to read it."));
        }
    }
}
