namespace QrAspire.QrEngine.Styling;

/// <summary>
/// The contrast rule for foreground and background. A code is refused when the WCAG 2 contrast ratio of
/// its colours is below <see cref="MinimumRatio"/> (3:1), or when the foreground is lighter than the
/// background: inverted codes are not read by many phone cameras. A transparent or translucent background
/// is judged as placed on white, and a translucent foreground as composited over that background.
/// </summary>
public static class ColourContrast
{
    /// <summary>The smallest contrast ratio accepted.</summary>
    public const double MinimumRatio = 3.0;

    /// <summary>The WCAG 2 contrast ratio (1–21) of the two colours as they will appear.</summary>
    public static double Ratio(QrColour foreground, QrColour background)
    {
        var (fore, back) = Effective(foreground, background);
        var lf = RelativeLuminance(fore);
        var lb = RelativeLuminance(back);
        return (Math.Max(lf, lb) + 0.05) / (Math.Min(lf, lb) + 0.05);
    }

    /// <summary>Refuses a colour pair that scanners cannot read reliably.</summary>
    /// <exception cref="QrEngineException"><c>qr.contrast_too_low</c> or <c>qr.colours_inverted</c>.</exception>
    public static void EnsureReadable(QrColour foreground, QrColour background) => EnsureReadable(foreground, background, "style.foreground");

    /// <summary>Refuses a colour pair that scanners cannot read reliably, naming <paramref name="field"/> as the one at fault.</summary>
    /// <param name="foreground">The dark colour.</param>
    /// <param name="background">The light colour it is read against.</param>
    /// <param name="field">The request field of the dark colour, reported in the error.</param>
    /// <param name="where">Appended to the colour's description, e.g. " at 50% along the gradient".</param>
    /// <exception cref="QrEngineException"><c>qr.contrast_too_low</c> or <c>qr.colours_inverted</c>.</exception>
    public static void EnsureReadable(QrColour foreground, QrColour background, string field, string where = "")
    {
        if (foreground.A == 0)
        {
            throw new QrEngineException(QrErrorCodes.ContrastTooLow, field, $"The colour{where} is fully transparent, so nothing would be visible.");
        }

        var (fore, back) = Effective(foreground, background);
        var ratio = Ratio(foreground, background);
        if (ratio < MinimumRatio)
        {
            throw new QrEngineException(
                QrErrorCodes.ContrastTooLow,
                field,
                $"Colour {foreground}{where} on {background} has a contrast ratio of {ratio:0.00}:1; at least {MinimumRatio:0.0}:1 is needed for the code to scan.");
        }

        if (RelativeLuminance(fore) > RelativeLuminance(back))
        {
            throw new QrEngineException(
                QrErrorCodes.ColoursInverted,
                field,
                $"Colour {foreground}{where} is lighter than {background}; inverted codes do not scan on many phones. Use a dark foreground on a light background.");
        }
    }

    internal static double RelativeLuminance(QrColour colour) =>
        (0.2126 * Linear(colour.R)) + (0.7152 * Linear(colour.G)) + (0.0722 * Linear(colour.B));

    private static (QrColour Foreground, QrColour Background) Effective(QrColour foreground, QrColour background)
    {
        var back = background.Over(QrColour.White);
        return (foreground.Over(back), back);
    }

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
