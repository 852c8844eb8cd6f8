using System.Globalization;

namespace QrAspire.QrEngine.Styling;

/// <summary>
/// An sRGB colour with alpha (0 = fully transparent, 255 = opaque). A colour given as <c>cmyk(…)</c> also keeps its inks
/// (<see cref="Cmyk"/>), so PDF and EPS print exactly those; every other format shows its RGB conversion.
/// </summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
/// <param name="A">Alpha, 0–255.</param>
public readonly record struct QrColour(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black.</summary>
    public static QrColour Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static QrColour White => new(255, 255, 255);

    /// <summary>Fully transparent.</summary>
    public static QrColour Transparent => new(0, 0, 0, 0);

    /// <summary>The inks this colour was given as (<c>cmyk(…)</c>), or null for a colour given in RGB.</summary>
    public CmykColour? Cmyk { get; init; }

    /// <summary>True when the colour is fully opaque.</summary>
    public bool IsOpaque => A == 255;

    /// <summary>
    /// Parses <c>#RGB</c>, <c>#RRGGBB</c>, <c>#RRGGBBAA</c> (the leading '#' is optional), <c>transparent</c> or
    /// <c>cmyk(c%, m%, y%, k%)</c> (see <see cref="CmykColour.TryParse"/>).
    /// </summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="field">The request field it came from, reported in the error.</param>
    /// <exception cref="QrEngineException"><c>qr.invalid_colour</c>.</exception>
    public static QrColour Parse(string? value, string field = "colour")
    {
        if (TryParse(value, out var colour))
        {
            return colour;
        }

        throw new QrEngineException(
            QrErrorCodes.InvalidColour,
            field,
            $"'{value}' is not a colour; use #RRGGBB, #RRGGBBAA, #RGB, 'transparent' or cmyk(c%,m%,y%,k%) with each ink 0–100.");
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? value, out QrColour colour)
    {
        colour = default;
        if (value is null)
        {
            return false;
        }

        var text = value.Trim();
        if (text.Equals("transparent", StringComparison.OrdinalIgnoreCase))
        {
            colour = Transparent;
            return true;
        }

        if (CmykColour.TryParse(text, out var inks))
        {
            colour = inks.ToRgb();
            return true;
        }

        var hex = text.StartsWith('#') ? text.AsSpan(1) : text.AsSpan();
        if (hex.Length == 3 && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var short3))
        {
            colour = new QrColour(Nibble(short3 >> 8), Nibble(short3 >> 4), Nibble(short3));
            return true;
        }

        if (hex.Length is 6 or 8 && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var full))
        {
            colour = hex.Length == 6
                ? new QrColour((byte)(full >> 16), (byte)(full >> 8), (byte)full)
                : new QrColour((byte)(full >> 24), (byte)(full >> 16), (byte)(full >> 8), (byte)full);
            return true;
        }

        return false;
    }

    /// <summary>The inks to print this colour with: those it was given as, or the naive conversion of <see cref="CmykColour.FromRgb"/>.</summary>
    public CmykColour ToCmyk() => Cmyk ?? CmykColour.FromRgb(this);

    /// <summary>The colour as <c>#rrggbb</c>, without alpha.</summary>
    public string ToHexRgb() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>The colour as <c>#rrggbbaa</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}{A:x2}");

    /// <summary>This colour composited over an opaque <paramref name="backdrop"/>.</summary>
    internal QrColour Over(QrColour backdrop)
    {
        if (A == 255)
        {
            return this;
        }

        return new QrColour(Mix(R, backdrop.R, A), Mix(G, backdrop.G, A), Mix(B, backdrop.B, A));
    }

    private static byte Mix(byte top, byte bottom, byte alpha) => (byte)(((top * alpha) + (bottom * (255 - alpha)) + 127) / 255);

    private static byte Nibble(uint value) => (byte)((value & 0xF) * 17);
}
