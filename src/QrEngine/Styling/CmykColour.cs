using System.Globalization;

namespace QrAspire.QrEngine.Styling;

/// <summary>
/// A process colour as ink shares (0 = no ink, 1 = full ink) of cyan, magenta, yellow and black, device-dependent
/// (DeviceCMYK): no ICC profile is embedded, so a press prints the numbers as they are.
/// </summary>
/// <param name="C">Cyan, 0–1.</param>
/// <param name="M">Magenta, 0–1.</param>
/// <param name="Y">Yellow, 0–1.</param>
/// <param name="K">Black, 0–1.</param>
public readonly record struct CmykColour(double C, double M, double Y, double K)
{
    /// <summary>
    /// The colour for screens and raster formats, by the naive device conversion R = 255 × (1 − C) × (1 − K) (likewise G
    /// from M, B from Y). A real press on real paper differs; that needs an ICC profile this engine does not carry.
    /// </summary>
    public QrColour ToRgb() => new(Channel(C), Channel(M), Channel(Y)) { Cmyk = this };

    /// <summary>
    /// The naive device conversion of an sRGB colour: K = 1 − max(R, G, B), then C = (1 − R − K) / (1 − K) and likewise
    /// M from G, Y from B (R, G, B as 0–1). Pure black becomes K alone (0/0/0/100), never a rich black: four inks never
    /// register perfectly on a press, and coloured fringes around fine modules blur their edges.
    /// </summary>
    public static CmykColour FromRgb(QrColour colour)
    {
        var (r, g, b) = (colour.R / 255.0, colour.G / 255.0, colour.B / 255.0);
        var k = 1 - Math.Max(r, Math.Max(g, b));
        if (k >= 1)
        {
            return new CmykColour(0, 0, 0, 1);
        }

        return new CmykColour((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k);
    }

    /// <summary>The colour at <paramref name="t"/> between two (0 = <paramref name="from"/>), interpolated per ink as DeviceCMYK shadings do.</summary>
    public static CmykColour Lerp(CmykColour from, CmykColour to, double t) => new(
        from.C + ((to.C - from.C) * t),
        from.M + ((to.M - from.M) * t),
        from.Y + ((to.Y - from.Y) * t),
        from.K + ((to.K - from.K) * t));

    /// <summary>
    /// Parses <c>cmyk(c%, m%, y%, k%)</c>: four numbers from 0 to 100, each with an optional <c>%</c>, separated by
    /// commas (case-insensitive, spaces allowed).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CmykColour colour)
    {
        colour = default;
        text = text.Trim();
        if (!text.StartsWith("cmyk(", StringComparison.OrdinalIgnoreCase) || !text.EndsWith(')'))
        {
            return false;
        }

        Span<double> inks = stackalloc double[4];
        var inside = text[5..^1];
        var count = 0;
        foreach (var range in inside.Split(','))
        {
            if (count == 4)
            {
                return false;
            }

            var part = inside[range].Trim();
            if (part.EndsWith('%'))
            {
                part = part[..^1].TrimEnd();
            }

            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                return false;
            }

            inks[count++] = percent / 100;
        }

        if (count != 4)
        {
            return false;
        }

        colour = new CmykColour(inks[0], inks[1], inks[2], inks[3]);
        return true;
    }

    /// <summary>The colour as <c>cmyk(c%,m%,y%,k%)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cmyk({C * 100:0.##}%,{M * 100:0.##}%,{Y * 100:0.##}%,{K * 100:0.##}%)");

    private byte Channel(double ink) => (byte)Math.Round(255 * (1 - ink) * (1 - K));
}
