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
        var payload = TestData.Payloads[(int)format % TestData.Payloads.Length].Payload;

        var first = QrRenderer.Render(new QrRenderRequest(payload, format) { Style = style });
        var second = QrRenderer.Render(new QrRenderRequest(payload, format) { Style = style });

        Assert.Equal(first.Content, second.Content);
    }

    [Fact]
    public void CalendarEventTextIsStableAcrossCalls()
    {
        var payload = TestData.Payloads.Single(p => p.Name == "event").Payload;

        Assert.Equal(payload.ToQrText(), payload.ToQrText());
    }
}
