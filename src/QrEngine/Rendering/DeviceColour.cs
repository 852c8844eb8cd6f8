using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Colour operators of PDF and PostScript. A colour is written as DeviceCMYK when the output is CMYK or when it was given
/// as <c>cmyk(…)</c> (its inks exactly); otherwise as DeviceRGB.
/// </summary>
internal static class DeviceColour
{
    /// <summary>Whether <paramref name="colour"/> is written in CMYK.</summary>
    public static bool InCmyk(QrColour colour, bool cmykOutput) => cmykOutput || colour.Cmyk is not null;

    /// <summary>Whether a gradient is shaded in CMYK: in CMYK output, or when both its ends were given as <c>cmyk(…)</c>.</summary>
    public static bool InCmyk(QrGradient gradient, bool cmykOutput) => cmykOutput || (gradient.Start.Cmyk is not null && gradient.End.Cmyk is not null);

    /// <summary>The PDF fill colour: <c>c m y k k</c> or <c>r g b rg</c>.</summary>
    public static void WritePdfFill(OutputBuffer output, QrColour colour, bool cmykOutput)
    {
        var cmyk = InCmyk(colour, cmykOutput);
        WriteComponents(output, colour, cmyk);
        output.Write(cmyk ? " k\n"u8 : " rg\n"u8);
    }

    /// <summary>The PostScript colour: <c>c m y k setcmykcolor</c> or <c>r g b setrgbcolor</c>.</summary>
    public static void WriteEps(OutputBuffer output, QrColour colour, bool cmykOutput)
    {
        var cmyk = InCmyk(colour, cmykOutput);
        WriteComponents(output, colour, cmyk);
        output.Write(cmyk ? " setcmykcolor\n"u8 : " setrgbcolor\n"u8);
    }

    /// <summary>The PostScript colour of given inks.</summary>
    public static void WriteEps(OutputBuffer output, CmykColour inks)
    {
        WriteInks(output, inks);
        output.Write(" setcmykcolor\n"u8);
    }

    /// <summary>The colour's components, space-separated: four inks (0–1) or three RGB channels (0–1).</summary>
    public static void WriteComponents(OutputBuffer output, QrColour colour, bool cmyk)
    {
        if (cmyk)
        {
            WriteInks(output, colour.ToCmyk());
            return;
        }

        output.WriteNumber(colour.R / 255.0);
        output.WriteByte((byte)' ');
        output.WriteNumber(colour.G / 255.0);
        output.WriteByte((byte)' ');
        output.WriteNumber(colour.B / 255.0);
    }

    /// <summary>An RGBA image's pixels as 8-bit CMYK samples (alpha dropped), converted like every other RGB colour.</summary>
    public static byte[] ToCmykSamples(ReadOnlySpan<byte> rgba, QrColour? backdrop)
    {
        var samples = new byte[rgba.Length];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var pixel = new QrColour(rgba[i], rgba[i + 1], rgba[i + 2], backdrop is null ? (byte)255 : rgba[i + 3]);
            var inks = CmykColour.FromRgb(backdrop is { } under ? pixel.Over(under) : pixel);
            samples[i] = Sample(inks.C);
            samples[i + 1] = Sample(inks.M);
            samples[i + 2] = Sample(inks.Y);
            samples[i + 3] = Sample(inks.K);
        }

        return samples;
    }

    private static byte Sample(double ink) => (byte)Math.Round(Math.Clamp(ink, 0, 1) * 255);

    private static void WriteInks(OutputBuffer output, CmykColour inks)
    {
        output.WriteNumber(inks.C);
        output.WriteByte((byte)' ');
        output.WriteNumber(inks.M);
        output.WriteByte((byte)' ');
        output.WriteNumber(inks.Y);
        output.WriteByte((byte)' ');
        output.WriteNumber(inks.K);
    }
}
