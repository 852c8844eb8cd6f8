namespace QrAspire.QrEngine.Styling;

/// <summary>How a gradient spreads its colours over the symbol.</summary>
public enum GradientKind
{
    /// <summary>Along a line through the symbol's centre at <see cref="QrGradient.Angle"/>.</summary>
    Linear,

    /// <summary>From the symbol's centre (start colour) out to its corners (end colour).</summary>
    Radial,
}

/// <summary>
/// A two-colour gradient painted over the dark modules (and the eyes, unless they have colours of their own). It spans
/// the symbol without its quiet zone. Both colours are opaque: PDF and PostScript gradients have no alpha.
/// </summary>
/// <param name="Kind">Linear or radial.</param>
/// <param name="Start">The colour at the start (linear) or centre (radial).</param>
/// <param name="End">The colour at the end (linear) or corners (radial).</param>
/// <param name="Angle">Direction of a linear gradient in degrees, clockwise from left-to-right (90 = top to bottom).</param>
public sealed record QrGradient(GradientKind Kind, QrColour Start, QrColour End, double Angle = 0)
{
    /// <summary>How many evenly spaced points along the gradient the contrast rule checks, ends included.</summary>
    public const int ContrastSamples = 33;

    /// <summary>The colour at <paramref name="t"/> (0 = start, 1 = end), interpolated in sRGB as SVG, PDF and Skia do.</summary>
    public QrColour At(double t) => new(Lerp(Start.R, End.R, t), Lerp(Start.G, End.G, t), Lerp(Start.B, End.B, t), Lerp(Start.A, End.A, t));

    /// <summary>
    /// Refuses the gradient when any point along it fails the contrast rule against <paramref name="background"/>, the
    /// ends and <see cref="ContrastSamples"/> points between: the rule holds along the whole gradient by check, not by
    /// an argument about how luminance varies between two colours.
    /// </summary>
    /// <exception cref="QrEngineException"><c>qr.invalid_style</c>, <c>qr.invalid_colour</c>, <c>qr.contrast_too_low</c> or <c>qr.colours_inverted</c>.</exception>
    public void EnsureReadable(QrColour background, string field = "style.gradient")
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, $"{field}.type", $"Unknown gradient type '{Kind}'; use linear or radial.");
        }

        if (!double.IsFinite(Angle) || Angle is < -360 or > 360)
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, $"{field}.angle", $"Angle {Angle} is out of range; use -360 to 360 degrees.");
        }

        if (!Start.IsOpaque || !End.IsOpaque)
        {
            throw new QrEngineException(QrErrorCodes.InvalidColour, Start.IsOpaque ? $"{field}.end" : $"{field}.start", "Gradient colours must be opaque (#RRGGBB).");
        }

        // The ends first, so an end at fault is named; then the points between.
        ColourContrast.EnsureReadable(Start, background, $"{field}.start", " (gradient start)");
        ColourContrast.EnsureReadable(End, background, $"{field}.end", " (gradient end)");
        for (var i = 1; i < ContrastSamples - 1; i++)
        {
            var t = i / (double)(ContrastSamples - 1);
            ColourContrast.EnsureReadable(At(t), background, field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at {t:P0} along the gradient"));
        }
    }

    private static byte Lerp(byte from, byte to, double t) => (byte)Math.Round(from + ((to - from) * t));
}
