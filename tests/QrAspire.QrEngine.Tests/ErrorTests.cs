using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests;

public class ErrorTests
{
    private static readonly UrlQrContent Url = new("https://example.com/x");

    private static QrEngineException RenderFails(QrRenderRequest request) =>
        Assert.Throws<QrEngineException>(() => QrRenderer.Render(request));

    [Theory]
    [InlineData(63, "qr.invalid_size", "style.size")]
    [InlineData(4097, "qr.invalid_size", "style.size")]
    public void OutOfRangeSizeIsRefused(int size, string code, string field)
    {
        var error = RenderFails(new QrRenderRequest(Url) { Style = QrStyle.Default with { Size = size } });

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void SizeTooSmallForTheSymbolIsRefused()
    {
        var text = new string('a', 2000);

        var error = RenderFails(new QrRenderRequest(new TextQrContent(text)) { ErrorCorrection = ErrorCorrectionLevel.L, Style = QrStyle.Default with { Size = 100 } });

        Assert.Equal(("qr.invalid_size", "style.size"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(17)]
    public void OutOfRangeQuietZoneIsRefused(int quietZone)
    {
        var error = RenderFails(new QrRenderRequest(Url) { Style = QrStyle.Default with { QuietZone = quietZone } });

        Assert.Equal(("qr.invalid_margin", "style.quietZone"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(71)]
    [InlineData(2401)]
    public void OutOfRangeDpiIsRefused(int dpi)
    {
        var error = RenderFails(new QrRenderRequest(Url, QrFormat.Pdf) { Style = QrStyle.Default with { Dpi = dpi } });

        Assert.Equal(("qr.invalid_dpi", "style.dpi"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)]
    public void OutOfRangeVersionIsRefused(int version)
    {
        var error = RenderFails(new QrRenderRequest(Url) { Version = version });

        Assert.Equal(("qr.invalid_version", "version"), (error.Code, error.Field));
    }

    [Fact]
    public void DataThatDoesNotFitAnyVersionIsRefused()
    {
        var error = RenderFails(new QrRenderRequest(new TextQrContent(new string('x', 2900))) { ErrorCorrection = ErrorCorrectionLevel.H });

        Assert.Equal(("qr.data_too_long", "content"), (error.Code, error.Field));
        Assert.Contains("version 40", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain ascii text that is clearly longer than version one allows at H")]
    [InlineData("ünïcödé text that is clearly longer than version one allows at level H")]
    public void DataThatDoesNotFitTheFixedVersionIsRefused(string text)
    {
        var error = RenderFails(new QrRenderRequest(new TextQrContent(text)) { Version = 1, ErrorCorrection = ErrorCorrectionLevel.H });

        Assert.Equal(("qr.data_too_long", "version"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownFormatIsRefused(string? name)
    {
        var error = Assert.Throws<QrEngineException>(() => QrFormats.Parse(name));

        Assert.Equal(("qr.unsupported_format", "format"), (error.Code, error.Field));
    }

    [Fact]
    public void UndefinedFormatValueIsRefused()
    {
        var error = RenderFails(new QrRenderRequest(Url, (QrFormat)42));

        Assert.Equal("qr.unsupported_format", error.Code);
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("red")]
    [InlineData("#GGGGGG")]
    [InlineData("")]
    public void InvalidColourIsRefused(string colour)
    {
        var error = Assert.Throws<QrEngineException>(() => QrColour.Parse(colour, "style.background"));

        Assert.Equal(("qr.invalid_colour", "style.background"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("#777777", "#888888")]
    [InlineData("#ffff00", "#ffffff")]
    [InlineData("#00000010", "#ffffff")]
    public void LowContrastColourPairIsRefused(string foreground, string background)
    {
        var style = QrStyle.Default with { Foreground = QrColour.Parse(foreground), Background = QrColour.Parse(background) };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal(("qr.contrast_too_low", "style.foreground"), (error.Code, error.Field));
    }

    [Fact]
    public void InvertedColoursAreRefused()
    {
        var style = QrStyle.Default with { Foreground = QrColour.White, Background = QrColour.Black };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal("qr.colours_inverted", error.Code);
    }

    [Fact]
    public void LogoThatIsNotAnImageIsRefused()
    {
        var style = QrStyle.Default with { Logo = "<svg>not a raster</svg>"u8.ToArray() };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal(("qr.logo_invalid", "style.logo"), (error.Code, error.Field));
    }

    [Fact]
    public void TruncatedLogoIsRefused()
    {
        var png = TestData.Logo(SKEncodedImageFormat.Png);
        var style = QrStyle.Default with { Logo = png.AsMemory(0, png.Length / 2) };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal(("qr.logo_invalid", "style.logo"), (error.Code, error.Field));
    }

    [Fact]
    public void LogoOverOneMebibyteIsRefused()
    {
        var style = QrStyle.Default with { Logo = new byte[QrLogo.MaxBytes + 1] };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal(("qr.logo_too_large", "style.logo"), (error.Code, error.Field));
    }

    [Fact]
    public void LogoOverThePixelLimitIsRefused()
    {
        var style = QrStyle.Default with { Logo = TestData.Logo(SKEncodedImageFormat.Png, 2049, 16) };

        var error = RenderFails(new QrRenderRequest(Url) { Style = style });

        Assert.Equal(("qr.logo_too_large", "style.logo"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("text\u0007bell")]
    [InlineData("nul\0inside")]
    public void ControlCharactersInTextAreRefused(string text)
    {
        var error = RenderFails(new QrRenderRequest(new TextQrContent(text)));

        Assert.Equal(("qr.control_character", "content.text"), (error.Code, error.Field));
    }

    [Fact]
    public void LineBreakInWifiSsidIsRefusedNamingTheField()
    {
        var error = RenderFails(new QrRenderRequest(new WifiQrContent("home\nnet", "password1")));

        Assert.Equal(("qr.control_character", "content.ssid"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.com")]
    [InlineData("https://exa mple.com")]
    public void NonHttpUrlIsRefused(string url)
    {
        var error = RenderFails(new QrRenderRequest(new UrlQrContent(url)));

        Assert.Equal(("qr.invalid_payload", "content.url"), (error.Code, error.Field));
    }

    [Fact]
    public void OverlongUrlIsRefused()
    {
        var error = RenderFails(new QrRenderRequest(new UrlQrContent("https://example.com/" + new string('a', 2100))));

        Assert.Equal(("qr.field_too_long", "content.url"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(91, 0, "content.latitude")]
    [InlineData(0, -181, "content.longitude")]
    [InlineData(double.NaN, 0, "content.latitude")]
    public void OutOfRangeGeoIsRefused(double latitude, double longitude, string field)
    {
        var error = RenderFails(new QrRenderRequest(new GeoQrContent(latitude, longitude)));

        Assert.Equal(("qr.invalid_payload", field), (error.Code, error.Field));
    }

    [Fact]
    public void ShortWpaPasswordIsRefused()
    {
        var error = RenderFails(new QrRenderRequest(new WifiQrContent("home", "short")));

        Assert.Equal(("qr.invalid_payload", "content.password"), (error.Code, error.Field));
    }

    [Fact]
    public void EventEndingBeforeItStartsIsRefused()
    {
        var start = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        var error = RenderFails(new QrRenderRequest(new CalendarEventQrContent("x", start, start.AddHours(-1))));

        Assert.Equal(("qr.invalid_payload", "content.end"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    public void InvalidEmailAddressIsRefused(string address)
    {
        var error = RenderFails(new QrRenderRequest(new EmailQrContent(address)));

        Assert.Equal(("qr.invalid_payload", "content.to"), (error.Code, error.Field));
    }

    [Fact]
    public void PhoneNumberWithLettersIsRefused()
    {
        var error = RenderFails(new QrRenderRequest(new PhoneQrContent("call-me-now")));

        Assert.Equal(("qr.invalid_payload", "content.number"), (error.Code, error.Field));
    }
}
