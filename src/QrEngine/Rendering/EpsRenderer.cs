using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// Encapsulated PostScript (EPSF-3.0, level 2) output: vector paths in a private dictionary, filled
/// even-odd, with <c>%%BoundingBox</c> of <c>Size / Dpi</c> inches. PostScript has no alpha: a transparent
/// background is simply not painted, and translucent colours are flattened onto the background (or white).
/// A logo is embedded as an RGB image flattened the same way.
/// </summary>
internal static class EpsRenderer
{
    private const int MaxLogoPixels = 256;

    public static byte[] Render(QrLayout layout, QrLogo? logo)
    {
        var style = layout.Style;
        var sheet = PrintPage.Of(layout);
        var unit = sheet.Unit(layout);
        var (left, top) = sheet.CodeCorner(layout);
        var backdrop = style.Background.Over(QrColour.White);

        using var output = new OutputBuffer(4096 + (layout.Matrix.Size * layout.Matrix.Size * 4));
        output.Write("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 "u8);
        output.WriteNumber((int)Math.Ceiling(sheet.MediaWidth));
        output.WriteByte((byte)' ');
        output.WriteNumber((int)Math.Ceiling(sheet.MediaHeight));
        output.Write("\n%%HiResBoundingBox: 0 0 "u8);
        output.WriteNumber(sheet.MediaWidth);
        output.WriteByte((byte)' ');
        output.WriteNumber(sheet.MediaHeight);
        output.Write("\n%%Title: QR code\n%%Creator: QrAspire\n%%LanguageLevel: 2\n%%Pages: 1\n%%EndComments\n"u8);
        output.Write("10 dict begin\n/R { 4 2 roll moveto 1 index 0 rlineto 0 exch rlineto neg 0 rlineto closepath } bind def\n"u8);
        output.Write("/M { moveto } bind def /L { lineto } bind def /C { curveto } bind def /Z { closepath } bind def\n"u8);
        output.Write("gsave\n"u8);
        if (sheet.IsPrint)
        {
            // The trim's corner becomes the origin: everything below is drawn as without print options.
            output.WriteNumber(sheet.Margin);
            output.WriteByte((byte)' ');
            output.WriteNumber(sheet.Margin);
            output.Write(" translate\n"u8);
        }

        if (style.Background.A > 0)
        {
            WriteColour(output, backdrop, sheet.Cmyk);
            output.WriteNumber(-sheet.Bleed);
            output.WriteByte((byte)' ');
            output.WriteNumber(-sheet.Bleed);
            output.WriteByte((byte)' ');
            output.WriteNumber(sheet.TrimWidth + (2 * sheet.Bleed));
            output.WriteByte((byte)' ');
            output.WriteNumber(sheet.TrimHeight + (2 * sheet.Bleed));
            output.Write(" rectfill\n"u8);
        }

        output.Write("gsave\n"u8);
        output.WriteNumber(left);
        output.WriteByte((byte)' ');
        output.WriteNumber(top);
        output.Write(" translate "u8);
        output.WriteNumber(unit);
        output.WriteByte((byte)' ');
        output.WriteNumber(-unit);
        output.Write(" scale\n"u8);
        WriteFrame(output, layout, sheet.Cmyk);
        var modules = QrPaint.Modules(style);
        Fill(output, layout, modules, backdrop, sink => QrOutline.EmitModules(layout, sink));
        if (QrOutline.HasSeparateEyes(layout))
        {
            if (QrOutline.HasEyeColours(layout))
            {
                Fill(output, layout, QrPaint.Frames(style), backdrop, sink => QrOutline.EmitEyes(layout, sink, EyeParts.Frame));
                Fill(output, layout, QrPaint.Balls(style), backdrop, sink => QrOutline.EmitEyes(layout, sink, EyeParts.Ball));
            }
            else
            {
                Fill(output, layout, modules, backdrop, sink => QrOutline.EmitEyes(layout, sink), setColour: false);
            }
        }

        if (logo is not null && style.LogoBackground is { } padColour)
        {
            Fill(output, layout, new QrPaint(padColour, null), backdrop, sink => QrOutline.EmitLogoPad(layout, sink));
        }

        output.Write("grestore\n"u8);
        if (logo is not null)
        {
            WriteLogo(output, layout, logo, left, top, unit, backdrop, sheet.Cmyk);
        }

        if (sheet.CropMarks)
        {
            CropMarks.WriteEps(output, sheet);
        }

        output.Write("grestore\nend\nshowpage\n%%EOF\n"u8);
        return output.ToArray();
    }

    private static void WriteLogo(OutputBuffer output, QrLayout layout, QrLogo logo, double left, double top, double unit, QrColour backdrop, bool cmyk)
    {
        var (width, height, rgba) = logo.ReadPixels(MaxLogoPixels);
        var (x, y, drawWidth, drawHeight) = layout.LogoRect(logo.Image.Width, logo.Image.Height);
        output.Write("gsave\n"u8);
        output.WriteNumber(left + (x * unit));
        output.WriteByte((byte)' ');
        output.WriteNumber(top - ((y + drawHeight) * unit));
        output.Write(" translate "u8);
        output.WriteNumber(drawWidth * unit);
        output.WriteByte((byte)' ');
        output.WriteNumber(drawHeight * unit);
        output.Write(cmyk ? " scale\n/DeviceCMYK setcolorspace\n<< /ImageType 1 /Width "u8 : " scale\n/DeviceRGB setcolorspace\n<< /ImageType 1 /Width "u8);
        output.WriteNumber(width);
        output.Write(" /Height "u8);
        output.WriteNumber(height);
        output.Write(cmyk ? " /BitsPerComponent 8 /Decode [0 1 0 1 0 1 0 1] /ImageMatrix ["u8 : " /BitsPerComponent 8 /Decode [0 1 0 1 0 1] /ImageMatrix ["u8);
        output.WriteNumber(width);
        output.Write(" 0 0 "u8);
        output.WriteNumber(-height);
        output.Write(" 0 "u8);
        output.WriteNumber(height);
        output.Write("] /DataSource currentfile /ASCIIHexDecode filter >> image\n"u8);

        if (cmyk)
        {
            WriteCmykSamples(output, DeviceColour.ToCmykSamples(rgba, backdrop));
            output.Write(">\ngrestore\n"u8);
            return;
        }

        Span<byte> hex = stackalloc byte[6];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var pixel = new QrColour(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]).Over(backdrop);
            Hex(hex, 0, pixel.R);
            Hex(hex, 2, pixel.G);
            Hex(hex, 4, pixel.B);
            output.Write(hex);
            if ((i / 4) % 12 == 11)
            {
                output.WriteByte((byte)'\n');
            }
        }

        output.Write(">\ngrestore\n"u8);
    }

    /// <summary>The frame (<c>eofill</c>) and its text's glyph outlines (<c>fill</c>, non-zero) in module units: paths, no font.</summary>
    private static void WriteFrame(OutputBuffer output, QrLayout layout, bool cmyk)
    {
        if (layout.Frame is not { } frame)
        {
            return;
        }

        var modulesPerPixel = layout.TotalModules / (double)layout.Style.Size;
        var sink = new OperatorPathSink(output, PathOperators.Eps);
        WriteColour(output, frame.FrameColour, cmyk);
        output.Write("newpath\n"u8);
        frame.EmitFrame(sink, frame.CodeX, frame.CodeY, modulesPerPixel);
        output.Write("eofill\n"u8);
        if (frame.HasText)
        {
            WriteColour(output, frame.TextColour, cmyk);
            output.Write("newpath\n"u8);
            frame.EmitText(sink, frame.CodeX, frame.CodeY, modulesPerPixel);
            output.Write("fill\n"u8);
        }
    }

    /// <summary>Colour steps per gradient: 64 are finer than the eye sees on a code's few dozen modules.</summary>
    private const int GradientBands = 64;

    /// <summary>
    /// Fills the outline <paramref name="emit"/> writes to the sink it is given (even-odd): with a solid colour, or — for
    /// a gradient — as <see cref="GradientBands"/> solid fills, each shape in the colour of its band (<see cref="BandedPathSink"/>).
    /// </summary>
    private static void Fill(OutputBuffer output, QrLayout layout, QrPaint paint, QrColour backdrop, Action<IPathSink> emit, bool setColour = true)
    {
        if (paint.Gradient is not { } gradient)
        {
            if (setColour)
            {
                WriteColour(output, paint.Colour.Over(backdrop), layout.Style.Print?.ColourSpace == PrintColourSpace.Cmyk);
            }

            output.Write("newpath\n"u8);
            emit(new OperatorPathSink(output, PathOperators.Eps));
            output.Write("eofill\n"u8);
            return;
        }

        using var bands = new BandedPathSink(layout, gradient, GradientBands);
        emit(bands);
        var all = bands.Bands;
        var cmyk = DeviceColour.InCmyk(gradient, layout.Style.Print?.ColourSpace == PrintColourSpace.Cmyk);
        var (startInks, endInks) = (gradient.Start.ToCmyk(), gradient.End.ToCmyk());
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i] is { } band)
            {
                var t = (i + 0.5) / all.Count;
                if (cmyk)
                {
                    DeviceColour.WriteEps(output, CmykColour.Lerp(startInks, endInks, t));
                }
                else
                {
                    WriteColour(output, gradient.At(t), cmykOutput: false);
                }

                output.Write("newpath\n"u8);
                output.Write(band.Written);
                output.Write("eofill\n"u8);
            }
        }
    }

    private static void WriteCmykSamples(OutputBuffer output, byte[] samples)
    {
        Span<byte> hex = stackalloc byte[8];
        for (var i = 0; i < samples.Length; i += 4)
        {
            Hex(hex, 0, samples[i]);
            Hex(hex, 2, samples[i + 1]);
            Hex(hex, 4, samples[i + 2]);
            Hex(hex, 6, samples[i + 3]);
            output.Write(hex);
            if ((i / 4) % 12 == 11)
            {
                output.WriteByte((byte)'\n');
            }
        }
    }

    private static void Hex(Span<byte> target, int at, byte value)
    {
        const string Digits = "0123456789abcdef";
        target[at] = (byte)Digits[value >> 4];
        target[at + 1] = (byte)Digits[value & 0xF];
    }

    private static void WriteColour(OutputBuffer output, QrColour colour, bool cmykOutput) => DeviceColour.WriteEps(output, colour, cmykOutput);
}
