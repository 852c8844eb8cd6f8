using System.Globalization;
using System.IO.Compression;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// PDF 1.4 output written by hand: one page of the image's size at <c>Dpi</c> (or its print width, with bleed and crop marks: <see cref="PrintPage"/>), one Flate-compressed content
/// stream of vector path operators (<c>re</c> for square runs, curves for rounded shapes, filled
/// even-odd), alpha through <c>ExtGState</c>, a logo as an image XObject with a soft mask. No creation
/// date or document ID, so the same request gives the same bytes.
/// </summary>
internal static class PdfRenderer
{
    private const int MaxLogoPixels = 512;

    public static byte[] Render(QrLayout layout, QrLogo? logo)
    {
        var style = layout.Style;
        var sheet = PrintPage.Of(layout);
        var unit = sheet.Unit(layout);

        var content = BuildContent(layout, logo, sheet, unit);
        using var output = new OutputBuffer(content.Length + 2048);
        var offsets = new List<int>();
        output.Write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"u8);

        BeginObject(output, offsets);
        output.Write("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"u8);

        BeginObject(output, offsets);
        output.Write("<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"u8);

        BeginObject(output, offsets);
        output.Write("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "u8);
        output.WriteNumber(sheet.MediaWidth);
        output.WriteByte((byte)' ');
        output.WriteNumber(sheet.MediaHeight);
        if (sheet.IsPrint)
        {
            WriteBox(output, "] /TrimBox ["u8, sheet.Margin, sheet.TrimWidth, sheet.TrimHeight);
            WriteBox(output, "] /BleedBox ["u8, sheet.Margin - sheet.Bleed, sheet.TrimWidth + (2 * sheet.Bleed), sheet.TrimHeight + (2 * sheet.Bleed));
        }

        output.Write("] /Resources << /ExtGState << /Gb << /ca "u8);
        output.WriteNumber(style.Background.A / 255.0);
        output.Write(" >> /Gf << /ca "u8);
        output.WriteNumber(style.Gradient is null ? style.Foreground.A / 255.0 : 1);
        output.Write(NeedsOpaqueState(layout, logo) ? " >> /Go << /ca 1 >> >>"u8 : " >> >>"u8);
        if (style.Gradient is { } gradient)
        {
            WriteShading(output, layout, gradient, sheet.Cmyk);
        }

        if (logo is not null)
        {
            output.Write(" /XObject << /Logo 5 0 R >>"u8);
        }

        output.Write(" >> /Contents 4 0 R >>\nendobj\n"u8);

        BeginObject(output, offsets);
        WriteStream(output, content, "/Filter /FlateDecode"u8);

        if (logo is not null)
        {
            var (width, height, rgba) = logo.ReadPixels(MaxLogoPixels);
            var cmykImage = sheet.Cmyk;
            var rgb = cmykImage ? DeviceColour.ToCmykSamples(rgba, null) : new byte[width * height * 3];
            var alpha = new byte[width * height];
            for (int i = 0, j = 0; i < alpha.Length; i++, j += 4)
            {
                alpha[i] = rgba[j + 3];
                if (cmykImage)
                {
                    continue;
                }

                rgb[i * 3] = rgba[j];
                rgb[(i * 3) + 1] = rgba[j + 1];
                rgb[(i * 3) + 2] = rgba[j + 2];
            }

            BeginObject(output, offsets);
            WriteStream(output, Deflate(rgb), ImageDictionary(width, height, cmykImage ? "/DeviceCMYK /SMask 6 0 R" : "/DeviceRGB /SMask 6 0 R"));
            BeginObject(output, offsets);
            WriteStream(output, Deflate(alpha), ImageDictionary(width, height, "/DeviceGray"));
        }

        var xref = output.Count;
        output.Write("xref\n0 "u8);
        output.WriteNumber(offsets.Count + 1);
        output.Write("\n0000000000 65535 f \n"u8);
        foreach (var offset in offsets)
        {
            output.WriteText(offset.ToString("D10", CultureInfo.InvariantCulture));
            output.Write(" 00000 n \n"u8);
        }

        output.Write("trailer\n<< /Size "u8);
        output.WriteNumber(offsets.Count + 1);
        output.Write(" /Root 1 0 R >>\nstartxref\n"u8);
        output.WriteNumber(xref);
        output.Write("\n%%EOF\n"u8);
        return output.ToArray();
    }

    private static byte[] BuildContent(QrLayout layout, QrLogo? logo, PrintPage sheet, double unit)
    {
        var style = layout.Style;
        var cmyk = sheet.Cmyk;
        var (left, top) = sheet.CodeCorner(layout);
        using var content = new OutputBuffer(4096);
        if (sheet.IsPrint)
        {
            // The trim's corner becomes the origin: everything below is drawn as without print options.
            content.Write("1 0 0 1 "u8);
            content.WriteNumber(sheet.Margin);
            content.WriteByte((byte)' ');
            content.WriteNumber(sheet.Margin);
            content.Write(" cm\n"u8);
        }

        content.Write("q\n"u8);
        if (style.Background.A > 0)
        {
            content.Write("/Gb gs "u8);
            WriteColour(content, style.Background, cmyk);
            if (sheet.Bleed > 0)
            {
                content.WriteNumber(-sheet.Bleed);
                content.WriteByte((byte)' ');
                content.WriteNumber(-sheet.Bleed);
                content.WriteByte((byte)' ');
            }
            else
            {
                content.Write("0 0 "u8);
            }

            content.WriteNumber(sheet.TrimWidth + (2 * sheet.Bleed));
            content.WriteByte((byte)' ');
            content.WriteNumber(sheet.TrimHeight + (2 * sheet.Bleed));
            content.Write(" re f\n"u8);
        }

        // From here on, coordinates are modules with y down, like every other renderer.
        content.WriteNumber(unit);
        content.Write(" 0 0 "u8);
        content.WriteNumber(-unit);
        content.WriteByte((byte)' ');
        content.WriteNumber(left);
        content.WriteByte((byte)' ');
        content.WriteNumber(top);
        content.Write(" cm\n"u8);
        var sink = new OperatorPathSink(content, PathOperators.Pdf);
        WriteFrame(content, layout, sink, cmyk);
        content.Write("/Gf gs "u8);
        var modules = QrPaint.Modules(style);
        Fill(content, modules, null, cmyk, () => QrOutline.EmitModules(layout, sink));
        if (QrOutline.HasSeparateEyes(layout))
        {
            if (QrOutline.HasEyeColours(layout))
            {
                content.Write("/Go gs\n"u8);
                Fill(content, QrPaint.Frames(style), null, cmyk, () => QrOutline.EmitEyes(layout, sink, EyeParts.Frame));
                Fill(content, QrPaint.Balls(style), null, cmyk, () => QrOutline.EmitEyes(layout, sink, EyeParts.Ball));
            }
            else
            {
                Fill(content, modules, style.Foreground, cmyk, () => QrOutline.EmitEyes(layout, sink));
            }
        }

        if (logo is not null && style.LogoBackground is { } padColour)
        {
            content.Write("/Go gs\n"u8);
            Fill(content, new QrPaint(padColour, null), null, cmyk, () => QrOutline.EmitLogoPad(layout, sink));
        }

        content.Write("Q\n"u8);
        if (logo is not null)
        {
            var (x, y, width, height) = layout.LogoRect(logo.Image.Width, logo.Image.Height);
            content.Write("q "u8);
            content.WriteNumber(width * unit);
            content.Write(" 0 0 "u8);
            content.WriteNumber(height * unit);
            content.WriteByte((byte)' ');
            content.WriteNumber(left + (x * unit));
            content.WriteByte((byte)' ');
            content.WriteNumber(top - ((y + height) * unit));
            content.Write(" cm /Logo Do Q\n"u8);
        }

        if (sheet.CropMarks)
        {
            CropMarks.WritePdf(content, sheet);
        }

        using var compressed = new OutputBuffer(content.Count + (content.Count / 8) + 64);
        Zlib.Compress(content.Written, compressed);
        return compressed.ToArray();
    }

    private static bool NeedsOpaqueState(QrLayout layout, QrLogo? logo) =>
        QrOutline.HasEyeColours(layout) || (logo is not null && layout.Style.LogoBackground is not null) || layout.Frame is not null;

    /// <summary>The frame (<c>f*</c>) and its text's glyph outlines (<c>f</c>, non-zero) in module units: paths, no font.</summary>
    private static void WriteFrame(OutputBuffer content, QrLayout layout, OperatorPathSink sink, bool cmyk)
    {
        if (layout.Frame is not { } frame)
        {
            return;
        }

        var modulesPerPixel = layout.TotalModules / (double)layout.Style.Size;
        content.Write("/Go gs\n"u8);
        WriteColour(content, frame.FrameColour, cmyk);
        frame.EmitFrame(sink, frame.CodeX, frame.CodeY, modulesPerPixel);
        content.Write("f*\n"u8);
        if (frame.HasText)
        {
            WriteColour(content, frame.TextColour, cmyk);
            frame.EmitText(sink, frame.CodeX, frame.CodeY, modulesPerPixel);
            content.Write("f\n"u8);
        }
    }

    /// <summary>
    /// Fills the path <paramref name="emit"/> writes: a solid colour with <c>f*</c>, a gradient by clipping to the path
    /// (<c>W* n</c>) and painting the page's shading <c>/Sh</c> through it. <paramref name="current"/> is the colour
    /// already set, so consecutive fills of the same colour do not repeat it.
    /// </summary>
    private static void Fill(OutputBuffer content, QrPaint paint, QrColour? current, bool cmyk, Action emit)
    {
        if (paint.Gradient is not null)
        {
            content.Write("q\n"u8);
            emit();
            content.Write("W* n\n/Sh sh\nQ\n"u8);
            return;
        }

        if (current != paint.Colour)
        {
            WriteColour(content, paint.Colour, cmyk);
        }

        emit();
        content.Write("f*\n"u8);
    }

    /// <summary>The gradient as the page's <c>/Sh</c> shading (axial or radial), in module units like the paths it fills.</summary>
    private static void WriteShading(OutputBuffer output, QrLayout layout, QrGradient gradient, bool cmykOutput)
    {
        var cmyk = DeviceColour.InCmyk(gradient, cmykOutput);
        if (gradient.Kind == GradientKind.Radial)
        {
            var (centre, radius) = layout.GradientCircle();
            output.Write(" /Shading << /Sh << /ShadingType 3 /ColorSpace "u8);
            output.Write(cmyk ? "/DeviceCMYK /Coords ["u8 : "/DeviceRGB /Coords ["u8);
            output.WriteNumber(centre);
            output.WriteByte((byte)' ');
            output.WriteNumber(centre);
            output.Write(" 0 "u8);
            output.WriteNumber(centre);
            output.WriteByte((byte)' ');
            output.WriteNumber(centre);
            output.WriteByte((byte)' ');
            output.WriteNumber(radius);
        }
        else
        {
            var (x0, y0, x1, y1) = layout.GradientLine(gradient.Angle);
            output.Write(" /Shading << /Sh << /ShadingType 2 /ColorSpace "u8);
            output.Write(cmyk ? "/DeviceCMYK /Coords ["u8 : "/DeviceRGB /Coords ["u8);
            output.WriteNumber(x0);
            output.WriteByte((byte)' ');
            output.WriteNumber(y0);
            output.WriteByte((byte)' ');
            output.WriteNumber(x1);
            output.WriteByte((byte)' ');
            output.WriteNumber(y1);
        }

        output.Write("] /Function << /FunctionType 2 /Domain [0 1] /C0 ["u8);
        DeviceColour.WriteComponents(output, gradient.Start, cmyk);
        output.Write("] /C1 ["u8);
        DeviceColour.WriteComponents(output, gradient.End, cmyk);
        output.Write("] /N 1 >> /Extend [true true] >> >>"u8);
    }

    private static void WriteBox(OutputBuffer output, ReadOnlySpan<byte> name, double origin, double width, double height)
    {
        output.Write(name);
        output.WriteNumber(origin);
        output.WriteByte((byte)' ');
        output.WriteNumber(origin);
        output.WriteByte((byte)' ');
        output.WriteNumber(origin + width);
        output.WriteByte((byte)' ');
        output.WriteNumber(origin + height);
    }

    private static string ImageDictionary(int width, int height, string colourSpace) => string.Create(
        CultureInfo.InvariantCulture,
        $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /BitsPerComponent 8 /ColorSpace {colourSpace} /Filter /FlateDecode");

    private static void BeginObject(OutputBuffer output, List<int> offsets)
    {
        offsets.Add(output.Count);
        output.WriteNumber(offsets.Count);
        output.Write(" 0 obj\n"u8);
    }

    private static void WriteStream(OutputBuffer output, ReadOnlySpan<byte> data, string dictionary)
    {
        output.Write("<< "u8);
        output.WriteText(dictionary);
        output.Write(" /Length "u8);
        output.WriteNumber(data.Length);
        output.Write(" >>\nstream\n"u8);
        output.Write(data);
        output.Write("\nendstream\nendobj\n"u8);
    }

    private static void WriteStream(OutputBuffer output, ReadOnlySpan<byte> data, ReadOnlySpan<byte> dictionary)
    {
        output.Write("<< "u8);
        output.Write(dictionary);
        output.Write(" /Length "u8);
        output.WriteNumber(data.Length);
        output.Write(" >>\nstream\n"u8);
        output.Write(data);
        output.Write("\nendstream\nendobj\n"u8);
    }

    private static void WriteColour(OutputBuffer content, QrColour colour, bool cmyk) => DeviceColour.WritePdfFill(content, colour, cmyk);

    // Logo pixels: photographic data that zlib's dynamic Huffman codes compress far better than Zlib's fixed ones.
    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new OutputBuffer((data.Length / 4) + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }
}
