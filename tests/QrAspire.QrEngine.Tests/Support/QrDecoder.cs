using System.Globalization;
using System.IO.Compression;
using SkiaSharp;
using Svg.Skia;
using ZXing;
using ZXing.Common;

namespace QrAspire.QrEngine.Tests.Support;

/// <summary>
/// Reads rendered codes back: raster formats are decoded by SkiaSharp, SVG is rasterised by Svg.Skia, and
/// PDF/EPS are rasterised by a tiny interpreter of the operators our renderers write; then ZXing decodes.
/// </summary>
internal static class QrDecoder
{
    public static string? Decode(byte[] content, QrFormat format) => format switch
    {
        QrFormat.Png or QrFormat.Jpeg or QrFormat.Webp => DecodeRaster(content),
        QrFormat.Svg => DecodeSvg(content),
        QrFormat.Pdf => DecodeBitmap(RasterisePdf(content, out _)),
        QrFormat.Eps => DecodeBitmap(RasteriseEps(content, out _)),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string? DecodeRaster(byte[] content)
    {
        using var bitmap = SKBitmap.Decode(content) ?? throw new InvalidOperationException("Not a decodable image.");
        return DecodeBitmap(bitmap);
    }

    public static string? DecodeSvg(byte[] content)
    {
        using var svg = new SKSvg();
        using var stream = new MemoryStream(content);
        var picture = svg.Load(stream) ?? throw new InvalidOperationException("Svg.Skia could not load the SVG.");
        var bounds = picture.CullRect;
        var size = (int)Math.Ceiling(Math.Max(bounds.Width, bounds.Height));
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawPicture(picture);
        }

        return DecodeBitmap(bitmap);
    }

    /// <summary>
    /// Decodes a bitmap, flattening any transparency onto white as a printed or on-screen code would be.
    /// ZXing's finder-pattern detector misses a few perfect synthetic symbols at one particular scale (QRCoder's
    /// own PNGs too), as a phone would at one distance; like a phone, the read is retried at another scale.
    /// </summary>
    public static string? DecodeBitmap(SKBitmap source)
    {
        foreach (var scale in (ReadOnlySpan<float>)[1f, 1.37f, 0.71f])
        {
            if (DecodeAtScale(source, scale) is { } text)
            {
                return text;
            }

            Interlocked.Increment(ref _rescaledReads);
        }

        // Last resort, ZXing's pure-barcode path: it samples module centres from the symbol's bounding box.
        using var flat = Flatten(source, 1f);
        return Reader(pure: true).Decode(Luminance(flat))?.Text;
    }

    private static int _rescaledReads;

    /// <summary>How many reads so far needed another scale.</summary>
    public static int RescaledReads => Volatile.Read(ref _rescaledReads);

    private static string? DecodeAtScale(SKBitmap source, float scale)
    {
        using var bitmap = Flatten(source, scale);
        return Reader(pure: false).Decode(Luminance(bitmap))?.Text;
    }

    private static SKBitmap Flatten(SKBitmap source, float scale)
    {
        var width = (int)(source.Width * scale);
        var height = (int)(source.Height * scale);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        return bitmap;
    }

    private static RGBLuminanceSource Luminance(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 4)
        {
            gray[i] = (byte)(((pixels[j] * 77) + (pixels[j + 1] * 150) + (pixels[j + 2] * 29)) >> 8);
        }

        return new RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
    }

    private static BarcodeReaderGeneric Reader(bool pure) => new()
    {
        AutoRotate = false,
        Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = pure },
    };

    /// <summary>Inflates the PDF's content stream (object 4).</summary>
    public static string PdfContent(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var objectStart = text.IndexOf("\n4 0 obj\n", StringComparison.Ordinal);
        var lengthAt = text.IndexOf("/Length ", objectStart, StringComparison.Ordinal) + 8;
        var length = int.Parse(text.AsSpan(lengthAt, text.IndexOf(' ', lengthAt) - lengthAt), CultureInfo.InvariantCulture);
        var dataStart = text.IndexOf("stream\n", lengthAt, StringComparison.Ordinal) + 7;
        using var zlib = new ZLibStream(new MemoryStream(pdf, dataStart, length), CompressionMode.Decompress);
        using var reader = new StreamReader(zlib, System.Text.Encoding.Latin1);
        return reader.ReadToEnd();
    }

    /// <summary>Draws a PDF page at 4 px per point, recording every <c>re</c> rectangle in module units.</summary>
    public static SKBitmap RasterisePdf(byte[] pdf, out List<(double X, double Y, double W, double H)> rects)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var boxAt = text.IndexOf("/MediaBox [0 0 ", StringComparison.Ordinal) + 15;
        var page = double.Parse(text.AsSpan(boxAt, text.IndexOf(' ', boxAt) - boxAt), CultureInfo.InvariantCulture);
        return Interpret(PdfContent(pdf), page, out rects);
    }

    /// <summary>Draws an EPS file, recording every <c>R</c> rectangle in module units.</summary>
    public static SKBitmap RasteriseEps(byte[] eps, out List<(double X, double Y, double W, double H)> rects)
    {
        var text = System.Text.Encoding.ASCII.GetString(eps);
        var boxAt = text.IndexOf("%%HiResBoundingBox: 0 0 ", StringComparison.Ordinal) + 24;
        var page = double.Parse(text.AsSpan(boxAt, text.IndexOf(' ', boxAt) - boxAt), CultureInfo.InvariantCulture);
        var body = text[text.IndexOf("\ngsave\n", StringComparison.Ordinal)..];
        return Interpret(body, page, out rects);
    }

    private static SKBitmap Interpret(string program, double page, out List<(double X, double Y, double W, double H)> rects)
    {
        const float PixelsPerPoint = 4;
        var size = (int)Math.Ceiling(page * PixelsPerPoint);
        var bitmap = new SKBitmap(size, size);
        rects = [];
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        canvas.Translate(0, size);
        canvas.Scale(PixelsPerPoint, -PixelsPerPoint);

        var colour = SKColors.Black;
        var colours = new Stack<SKColor>();
        var path = new SKPathBuilder();
        var operands = new List<double>();
        var tokens = program.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                operands.Add(number);
                continue;
            }

            switch (token)
            {
                case "q" or "gsave":
                    canvas.Save();
                    colours.Push(colour);
                    break;
                case "Q" or "grestore":
                    canvas.Restore();
                    colour = colours.Pop();
                    break;
                case "cm":
                    var m = operands;
                    canvas.Concat(new SKMatrix((float)m[0], (float)m[2], (float)m[4], (float)m[1], (float)m[3], (float)m[5], 0, 0, 1));
                    break;
                case "translate":
                    canvas.Translate((float)operands[0], (float)operands[1]);
                    break;
                case "scale":
                    canvas.Scale((float)operands[0], (float)operands[1]);
                    break;
                case "rg" or "setrgbcolor":
                    colour = new SKColor((byte)Math.Round(operands[0] * 255), (byte)Math.Round(operands[1] * 255), (byte)Math.Round(operands[2] * 255));
                    break;
                case "re" or "R" or "rectfill":
                    path.AddRect(SKRect.Create((float)operands[0], (float)operands[1], (float)operands[2], (float)operands[3]), SKPathDirection.Clockwise);
                    rects.Add((operands[0], operands[1], operands[2], operands[3]));
                    if (token == "rectfill")
                    {
                        Fill(canvas, path, colour, evenOdd: false);
                        rects.RemoveAt(rects.Count - 1);
                    }

                    break;
                case "m" or "M":
                    path.MoveTo((float)operands[0], (float)operands[1]);
                    break;
                case "l" or "L":
                    path.LineTo((float)operands[0], (float)operands[1]);
                    break;
                case "c" or "C":
                    path.CubicTo((float)operands[0], (float)operands[1], (float)operands[2], (float)operands[3], (float)operands[4], (float)operands[5]);
                    break;
                case "h" or "Z":
                    path.Close();
                    break;
                case "f" or "f*" or "eofill":
                    Fill(canvas, path, colour, evenOdd: token != "f");
                    break;
                case "image":
                    // Skip the logo's hex data; the pad under it is clear, so the code reads without it.
                    while (t < tokens.Length && !tokens[t].EndsWith('>'))
                    {
                        t++;
                    }

                    break;
                default:
                    break;
            }

            operands.Clear();
        }

        path.Dispose();
        return bitmap;
    }

    private static void Fill(SKCanvas canvas, SKPathBuilder builder, SKColor colour, bool evenOdd)
    {
        builder.FillType = evenOdd ? SKPathFillType.EvenOdd : SKPathFillType.Winding;
        using var path = builder.Detach();
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawPath(path, paint);
    }
}
