using System.Globalization;

namespace QrAspire.QrEngine.Styling;

/// <summary>The unit a physical size and bleed are given in.</summary>
public enum PrintUnit
{
    /// <summary>Millimetres (25.4 to the inch).</summary>
    Millimetre,

    /// <summary>Inches (72 PostScript points).</summary>
    Inch,
}

/// <summary>The colours PDF and EPS are written in.</summary>
public enum PrintColourSpace
{
    /// <summary>DeviceRGB, except colours given as <c>cmyk(…)</c>, which keep their inks.</summary>
    Rgb,

    /// <summary>DeviceCMYK throughout: RGB colours converted by <see cref="CmykColour.FromRgb"/>.</summary>
    Cmyk,
}

/// <summary>
/// How a code is printed: its physical width (quiet zone included) at the style's <see cref="QrStyle.Dpi"/>, a bleed and
/// crop marks around it (PDF, EPS), and the colour space of PDF and EPS. With a width, the style's pixel size follows
/// from it: <c>width × dpi</c>.
/// </summary>
public sealed record QrPrint
{
    /// <summary>The largest bleed, in inches: printers ask for 3 mm or 1/8 in.</summary>
    public const double MaxBleedInches = 1;

    /// <summary>
    /// The largest page side in points, marks and bleed included: 200 in, the page size limit Acrobat and PDF/X
    /// readers hold to (PDF 1.4, appendix C).
    /// </summary>
    public const double MaxPagePoints = 14_400;

    /// <summary>The smallest printed module, in millimetres: 10 mil, the finest module DENSO WAVE's standard scanners read (0.25 mm).</summary>
    public const double MinModuleMillimetres = 0.254;

    /// <summary>The fewest printer dots per module: DENSO WAVE recommends four or more for stable reading.</summary>
    public const int MinDotsPerModule = 4;

    /// <summary>The printed width and height of the whole image (quiet zone included), or null for <c>Size / Dpi</c> inches.</summary>
    public double? Width { get; init; }

    /// <summary>The unit of <see cref="Width"/> and <see cref="Bleed"/>.</summary>
    public PrintUnit Unit { get; init; } = PrintUnit.Millimetre;

    /// <summary>How far the background extends beyond the trim on each side (PDF, EPS), in <see cref="Unit"/>.</summary>
    public double Bleed { get; init; }

    /// <summary>Whether PDF and EPS get crop marks at the trim's corners, outside the bleed.</summary>
    public bool CropMarks { get; init; }

    /// <summary>The colour space of PDF and EPS output.</summary>
    public PrintColourSpace ColourSpace { get; init; } = PrintColourSpace.Rgb;

    /// <summary>Inches in one <see cref="Unit"/>.</summary>
    public double InchesPerUnit => Unit == PrintUnit.Inch ? 1 : 1 / 25.4;

    /// <summary>The unit's name in files and messages: <c>mm</c> or <c>in</c>.</summary>
    public string UnitName => Unit == PrintUnit.Inch ? "in" : "mm";

    /// <summary>The pixel size at <paramref name="dpi"/> of a print with a width, or null; 0 for a width that is not a number.</summary>
    internal int? PixelsAt(int dpi)
    {
        if (Width is not { } width)
        {
            return null;
        }

        var pixels = Math.Round(width * InchesPerUnit * dpi);
        return double.IsFinite(pixels) ? (int)Math.Clamp(pixels, 0, int.MaxValue) : 0;
    }

    /// <summary>Checks the unit, width, bleed and colour space; the minimum size for the content is checked when rendering.</summary>
    /// <exception cref="QrEngineException"><c>qr.invalid_style</c> or <c>qr.invalid_size</c> naming the field.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Unit))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.print.unit", $"Unknown unit '{Unit}'; use mm or in.");
        }

        if (!Enum.IsDefined(ColourSpace))
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.print.colourSpace", $"Unknown colour space '{ColourSpace}'; use rgb or cmyk.");
        }

        var maxBleed = MaxBleedInches / InchesPerUnit;
        if (!double.IsFinite(Bleed) || Bleed < 0 || Bleed > maxBleed)
        {
            throw new QrEngineException(QrErrorCodes.InvalidStyle, "style.print.bleed", Text($"Bleed {Bleed} {UnitName} is out of range; use 0 to {maxBleed} {UnitName} (printers ask for 3 mm or 1/8 in)."));
        }

        if (Width is { } width && (!double.IsFinite(width) || width <= 0 || width * InchesPerUnit * 72 > MaxPagePoints))
        {
            throw new QrEngineException(QrErrorCodes.InvalidSize, "style.print.width", Text($"Width {width} {UnitName} is out of range; use a positive number up to 200 in (5,080 mm), the largest page PDF readers open."));
        }
    }

    /// <summary>The message with invariant numbers (at most three decimals).</summary>
    internal static string Text(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
