using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Tests;

public class ScannabilityCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void AShortUrlPrintedLargeEnoughPassesEveryConditionWithBothDecoders()
    {
        var request = new QrRenderRequest(new UrlQrContent("https://qr.example/a1")) { ErrorCorrection = Encoding.ErrorCorrectionLevel.Q };

        var report = ScannabilityCheck.Run(request, printedSizeMm: 40, scanningDistanceMm: 300, Timeout);

        Assert.Equal(["distance", "blur", "noise", "tilt", "low_contrast"], report.Conditions.Select(c => c.Name));
        Assert.All(report.Conditions, c => Assert.True(c.Zxing, $"ZXing misses {c.Name}: {c.Description}"));
        if (report.ZbarAvailable)
        {
            Assert.All(report.Conditions, c => Assert.True(c.Zbar, $"zbar misses {c.Name}: {c.Description}"));
        }
        else
        {
            Assert.All(report.Conditions, c => Assert.Null(c.Zbar));
        }

        Assert.Equal(100, report.Score);
        Assert.True(report.MinimumSizeMm <= 40, $"minimum {report.MinimumSizeMm} mm");
    }

    [Theory]
    [InlineData(FrameDesign.BannerBottom)]
    [InlineData(FrameDesign.BannerTop)]
    [InlineData(FrameDesign.Box)]
    [InlineData(FrameDesign.Bubble)]
    public void AFramedCodeIsFoundInsideItsFrameUnderEveryCondition(FrameDesign design)
    {
        var request = new QrRenderRequest(new UrlQrContent("https://qr.example/framed"))
        {
            ErrorCorrection = Encoding.ErrorCorrectionLevel.Q,
            Style = QrStyle.Default with { Frame = new QrFrame(design, "Scan me") },
        };

        var report = ScannabilityCheck.Run(request, printedSizeMm: 40, scanningDistanceMm: 300, Timeout);

        Assert.All(report.Conditions, c => Assert.True(c.Zxing, $"ZXing misses {c.Name}: {c.Description}"));
        Assert.All(report.Conditions, c => Assert.NotEqual(false, c.Zbar));
        Assert.Equal(40, report.PrintedSizeMm);
    }

    [Fact]
    public void ADenseCodePrintedTinyForAFarDistanceFailsAndIsToldTheSizeToPrint()
    {
        var text = string.Concat(Enumerable.Repeat("https://example.com/a-rather-long-path/", 12));
        var request = new QrRenderRequest(new TextQrContent(text));

        var report = ScannabilityCheck.Run(request, printedSizeMm: 12, scanningDistanceMm: 2000, Timeout);

        Assert.True(report.Score < 50, $"score {report.Score}");
        Assert.Contains(report.Conditions, c => !c.Passed);
        // 10:1 rule: 2 m → at least 200 mm; the module rule asks for more at this density.
        Assert.True(report.MinimumSizeMm >= 200, $"minimum {report.MinimumSizeMm}");
        Assert.Contains(report.Advice, a => a.StartsWith("Print it at least ", StringComparison.Ordinal));
    }

    [Fact]
    public void DotModulesWithCircleEyesAreWarnedAbout()
    {
        var request = new QrRenderRequest(new UrlQrContent("https://qr.example/dots")) { Style = QrStyle.Default with { Modules = ModuleShape.Dots, Eyes = EyeShape.Circle } };

        var report = ScannabilityCheck.Run(request, printedSizeMm: 30, scanningDistanceMm: 300, Timeout);

        Assert.Contains(report.Advice, a => a.Contains("circle eyes with dot modules", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(10, 300, "scanningDistanceMm")]
    [InlineData(30, double.NaN, "scanningDistanceMm")]
    [InlineData(1, 300, "printedSizeMm")]
    public void DistancesAndSizesOutOfRangeAreRefusedNamingTheField(double size, double distance, string field)
    {
        if (size == 10)
        {
            distance = 10;
            size = 30;
        }

        var error = Assert.Throws<QrEngineException>(() => ScannabilityCheck.Run(new QrRenderRequest(new UrlQrContent("https://qr.example/x")), size, distance, Timeout));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void TheMinimumSizeFollowsTheTenToOneRuleForSmallCodes()
    {
        // A version 2 code (33 modules with quiet zone) needs 33 × 2 / 3.35 ≈ 20 mm of camera pixels at 30 cm; 10:1 asks 30 mm.
        Assert.Equal(30, CameraModel.MinimumSizeMm(300, 33), 1);
        Assert.True(CameraModel.MinimumSizeMm(300, 185) > 100, "a version 40 code needs more than the 10:1 rule");
    }
}
