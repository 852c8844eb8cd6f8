using QrAspire.Contracts;
using QrAspire.Data.Model;
using QrAspire.QrCodes;
using QrAspire.QrEngine.Contents;

namespace QrAspire.Api.Tests;

/// <summary>
/// The one check that content and style can become a code, as each of its callers asks it: creating a static or a
/// dynamic code (and each batch row), and changing a code's content or only its style.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class QrCodeChecksTests
{
    private static readonly RedirectLinks Links = new(new Uri("https://qr.example"));

    [Fact]
    public void AStaticCodeWithInvalidContentNamesTheContentField()
    {
        var code = NewCode(QrCodeKind.Static) with { Content = new UrlContent("ftp://example.com/file") };

        var problem = QrCodeChecks.Check(QrCodeContents.Of(code, Links), code.Style);

        Assert.Equal(("content.url", "qr.invalid_payload", false), (problem?.Field, problem?.Code, problem?.Unrenderable));
    }

    [Fact]
    public void AStaticCodeTooLargeForAnyVersionIsAFieldErrorOnTheContent()
    {
        var code = NewCode(QrCodeKind.Static) with { Content = new TextContent(new string('a', 2_900)), Style = new QrCodeStyle { ErrorCorrection = "H" } };

        var problem = QrCodeChecks.Check(QrCodeContents.Of(code, Links), code.Style);

        Assert.Equal(("content", "qr.data_too_long"), (problem?.Field, problem?.Code));
    }

    [Fact]
    public void ADynamicCodeIsCheckedAsItsShortLinkWithItsStyle()
    {
        var code = NewCode(QrCodeKind.Dynamic) with { Destination = "https://example.com", Style = new QrCodeStyle { Foreground = "not-a-colour" } };

        var problem = QrCodeChecks.Check(QrCodeContents.Of(code, Links), code.Style);

        Assert.Equal("style.foreground", problem?.Field);
        Assert.Equal("https://qr.example/xxxxxxxx", QrCodeContents.Of(code, Links).ToQrText());
    }

    [Fact]
    public void AStyleChangeAloneIsCheckedAgainstStandInText()
    {
        var problem = QrCodeChecks.Check(new TextQrContent("style check"), new QrCodeStyle { ErrorCorrection = "Z" });

        Assert.Equal("style.errorCorrection", problem?.Field);
    }

    [Fact]
    public void ValidContentAndStylePass()
    {
        var code = NewCode(QrCodeKind.Static) with { Content = new WifiContent("Cafe", "espresso-2026"), Style = new QrCodeStyle { Modules = ModuleShape.Dots } };

        Assert.Null(QrCodeChecks.Check(QrCodeContents.Of(code, Links), code.Style));
    }

    private static NewQrCode NewCode(QrCodeKind kind) => new() { Name = "test", Kind = kind };
}
