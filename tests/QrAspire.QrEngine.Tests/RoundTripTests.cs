using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;

namespace QrAspire.QrEngine.Tests;

public class RoundTripTests
{
    public static TheoryData<string, QrFormat> ContentTypesByFormat()
    {
        var data = new TheoryData<string, QrFormat>();
        foreach (var (name, _) in TestData.Contents)
        {
            foreach (var format in TestData.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }

    public static TheoryData<string, QrFormat> StylesByFormat()
    {
        var data = new TheoryData<string, QrFormat>();
        foreach (var (name, _) in TestData.Styles())
        {
            foreach (var format in TestData.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }

    public static TheoryData<ErrorCorrectionLevel, QrFormat> LevelsByFormat()
    {
        var data = new TheoryData<ErrorCorrectionLevel, QrFormat>();
        foreach (var level in Enum.GetValues<ErrorCorrectionLevel>())
        {
            foreach (var format in TestData.Formats)
            {
                data.Add(level, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContentTypesByFormat))]
    public void EveryContentTypeDecodesToItsContentInEveryFormat(string contentType, QrFormat format)
    {
        var content = TestData.Contents.Single(p => p.Name == contentType).Content;

        var image = QrRenderer.Render(new QrRenderRequest(content, format));

        Assert.Equal(content.ToQrText(), QrDecoder.Decode(image.Content, format));
    }

    [Theory]
    [MemberData(nameof(StylesByFormat))]
    public void EveryStyleDecodesToItsContentInEveryFormat(string styleName, QrFormat format)
    {
        var style = TestData.Styles().Single(s => s.Name == styleName).Style;
        // Pairwise rather than full cartesian: each style meets each format, and the contents rotate.
        var index = Array.FindIndex(TestData.Styles(), s => s.Name == styleName) + (int)format;
        var content = TestData.Contents[index % TestData.Contents.Length].Content;

        var image = QrRenderer.Render(new QrRenderRequest(content, format) { Style = style });

        Assert.Equal(content.ToQrText(), QrDecoder.Decode(image.Content, format));
    }

    [Theory]
    [MemberData(nameof(LevelsByFormat))]
    public void LongContentAtEveryErrorCorrectionLevelDecodesAtVersionTwentyOrMore(ErrorCorrectionLevel level, QrFormat format)
    {
        var random = new Random(900 + (int)level);
        var text = new string([.. Enumerable.Range(0, 900).Select(_ => (char)random.Next(0x21, 0x7F))]);
        var request = new QrRenderRequest(new TextQrContent(text), format) { ErrorCorrection = level, Style = QrStyle.Default with { Size = 1000 } };

        var image = QrRenderer.Render(request);

        Assert.True(image.Version >= 20, $"version {image.Version}");
        Assert.Equal(level, image.ErrorCorrection);
        Assert.Equal(text, QrDecoder.Decode(image.Content, format));
    }

    [Theory]
    [InlineData(QrFormat.Png)]
    [InlineData(QrFormat.Svg)]
    [InlineData(QrFormat.Pdf)]
    public void LargestVersionFortyDecodes(QrFormat format)
    {
        var text = string.Concat(Enumerable.Repeat("https://example.com/", 120))[..2300];
        var request = new QrRenderRequest(new TextQrContent(text), format) { ErrorCorrection = ErrorCorrectionLevel.L, Version = 40, Style = QrStyle.Default with { Size = 1110 } };

        var image = QrRenderer.Render(request);

        Assert.Equal(40, image.Version);
        Assert.Equal(text, QrDecoder.Decode(image.Content, format));
    }

    [Fact]
    public void FixedVersionLargerThanNeededIsUsed()
    {
        var image = QrRenderer.Render(new QrRenderRequest(new UrlQrContent("https://example.com/a"), QrFormat.Png) { Version = 7 });

        Assert.Equal(7, image.Version);
        Assert.Equal("https://example.com/a", QrDecoder.Decode(image.Content, QrFormat.Png));
    }

    [Theory]
    [InlineData(QrFormat.Pdf)]
    [InlineData(QrFormat.Eps)]
    public void VectorModuleMatrixEqualsTheEncodersMatrix(QrFormat format)
    {
        const string Text = "https://example.com/vector-check";
        var matrix = QrEncoder.Encode(Text, ErrorCorrectionLevel.Q);
        var style = QrStyle.Default with { QuietZone = 3 };

        var content = QrRenderer.Render(matrix, style, format);

        using var bitmap = format == QrFormat.Pdf ? QrDecoder.RasterisePdf(content, out var rects) : QrDecoder.RasteriseEps(content, out rects);
        var drawn = new bool[matrix.Size, matrix.Size];
        foreach (var (x, y, w, h) in rects.Where(r => r.H == 1))
        {
            for (var i = 0; i < w; i++)
            {
                Assert.False(drawn[(int)x - 3 + i, (int)y - 3], "a module is drawn twice");
                drawn[(int)x - 3 + i, (int)y - 3] = true;
            }
        }

        for (var y = 0; y < matrix.Size; y++)
        {
            for (var x = 0; x < matrix.Size; x++)
            {
                Assert.True(matrix[x, y] == drawn[x, y], $"module ({x},{y})");
            }
        }
    }
}
