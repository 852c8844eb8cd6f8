using QrAspire.QrEngine.Tests.Support;

namespace QrAspire.QrEngine.Tests;

public class DeterminismTests
{
    public static TheoryData<string, QrFormat> StylesByFormat() => RoundTripTests.StylesByFormat();

    [Theory]
    [MemberData(nameof(StylesByFormat))]
    public void TwoRendersOfTheSameRequestAreByteIdentical(string styleName, QrFormat format)
    {
        var style = TestData.Styles().Single(s => s.Name == styleName).Style;
        var content = TestData.Contents[(int)format % TestData.Contents.Length].Content;

        var first = QrRenderer.Render(new QrRenderRequest(content, format) { Style = style });
        var second = QrRenderer.Render(new QrRenderRequest(content, format) { Style = style });

        Assert.Equal(first.Content, second.Content);
    }

    [Fact]
    public void CalendarEventTextIsStableAcrossCalls()
    {
        var content = TestData.Contents.Single(p => p.Name == "event").Content;

        Assert.Equal(content.ToQrText(), content.ToQrText());
    }
}
