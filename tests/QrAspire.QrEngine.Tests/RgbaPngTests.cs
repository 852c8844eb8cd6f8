using System.Buffers.Binary;
using System.IO.Compression;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Rendering;
using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// The engine's own PNG writer picks a filter per row (Up or Sub) and writes RGB or RGBA: whatever it picks, another
/// decoder (SkiaSharp's libpng) must read back the very pixels that were rasterised.
/// </summary>
public class RgbaPngTests
{
    private static readonly QrMatrix Matrix = QrEncoder.Encode("https://example.com/rgba-png", ErrorCorrectionLevel.Q);

    // 301 px: rows whose length is no multiple of a vector, so every loop's tail runs too.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnotherDecoderReadsBackEveryPixel(bool opaque)
    {
        var gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Parse("#b71c1c"), 30);
        var background = opaque ? QrColour.White : QrColour.Parse("#ffffff80");
        var style = QrStyle.Default with { Modules = ModuleShape.Classy, Eyes = EyeShape.Leaf, Gradient = gradient, Background = background, Size = 301 };
        using var rasterised = RasterRenderer.Rasterise(new QrLayout(Matrix, style, hasLogo: false), logo: null, opaque);
        using var pixmap = rasterised.PeekPixels();

        var png = RgbaPng.Write(pixmap);

        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((rasterised.Width, rasterised.Height), (decoded.Width, decoded.Height));
        var worst = 0;
        for (var y = 0; y < decoded.Height; y++)
        {
            for (var x = 0; x < decoded.Width; x++)
            {
                var (a, b) = (rasterised.GetPixel(x, y), decoded.GetPixel(x, y));
                worst = Math.Max(worst, new[] { a.Red - b.Red, a.Green - b.Green, a.Blue - b.Blue, a.Alpha - b.Alpha }.Max(Math.Abs));
            }
        }

        // Opaque pixels are stored as they are; translucent ones are un-premultiplied for PNG and premultiplied again
        // by the decoder, which may round a channel by one.
        Assert.True(worst <= (opaque ? 0 : 1), $"a pixel differs by {worst} after the round trip");
    }

    [Fact]
    public void EachRowTakesTheFilterThatLeavesFewerNonZeroBytes()
    {
        var gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Parse("#b71c1c"), 30);
        var style = QrStyle.Default with { Modules = ModuleShape.RoundedSquare, Gradient = gradient, Size = 300 };
        using var rasterised = RasterRenderer.Rasterise(new QrLayout(Matrix, style, hasLogo: false), logo: null, opaque: true);
        using var pixmap = rasterised.PeekPixels();
        var (width, height) = (rasterised.Width, rasterised.Height);

        var filters = RowFilters(RgbaPng.Write(pixmap), width * 3, height);

        var above = new byte[width * 3];
        for (var y = 0; y < height; y++)
        {
            var row = new byte[width * 3];
            for (var x = 0; x < width; x++)
            {
                var pixel = rasterised.GetPixel(x, y);
                (row[3 * x], row[(3 * x) + 1], row[(3 * x) + 2]) = (pixel.Red, pixel.Green, pixel.Blue);
            }

            var up = row.Where((value, i) => value != above[i]).Count();
            var sub = row.Skip(3).Where((value, i) => value != row[i]).Count();
            Assert.True(filters[y] == (up <= sub ? 2 : 1), $"row {y}: filter {filters[y]}, Up leaves {up} non-zero bytes and Sub {sub}");
            above = row;
        }

        // A gradient code needs both: rows repeat for a module's height (Up), and a new module row changes colour
        // under every module (Sub).
        Assert.Contains((byte)1, filters);
        Assert.Contains((byte)2, filters);
    }

    private static byte[] RowFilters(byte[] png, int rowLength, int height)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        var scanlines = new byte[(rowLength + 1) * height];
        inflater.ReadExactly(scanlines);
        return [.. Enumerable.Range(0, height).Select(y => scanlines[y * (rowLength + 1)])];
    }
}
