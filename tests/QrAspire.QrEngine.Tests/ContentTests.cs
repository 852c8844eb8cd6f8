using QrAspire.QrEngine.Contents;

namespace QrAspire.QrEngine.Tests;

public class ContentTests
{
    [Fact]
    public void WifiEscapesBackslashSemicolonCommaColonAndQuote()
    {
        var text = new WifiQrContent("a\\b;c,d:e\"f", "p;w:d,\"x\"\\", WifiSecurity.Wpa, Hidden: true).ToQrText();

        Assert.Equal("WIFI:T:WPA;S:a\\\\b\\;c\\,d\\:e\\\"f;P:p\\;w\\:d\\,\\\"x\\\"\\\\;H:true;;", text);
    }

    [Fact]
    public void OpenWifiHasNoPasswordField()
    {
        Assert.Equal("WIFI:T:nopass;S:Guest;;", new WifiQrContent("Guest", null, WifiSecurity.None).ToQrText());
    }

    [Fact]
    public void WepWifiUsesWepType()
    {
        Assert.StartsWith("WIFI:T:WEP;S:Old;P:abcde;", new WifiQrContent("Old", "abcde", WifiSecurity.Wep).ToQrText(), StringComparison.Ordinal);
    }

    [Fact]
    public void VCardEscapesTextAndUsesCrlf()
    {
        var text = new VCardQrContent { FirstName = "Ann", LastName = "Lee, Jr.", Organization = "A;B", Note = "one\ntwo \\ three" }.ToQrText();

        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee\\, Jr.;Ann;;;\r\nFN:Ann Lee\\, Jr.\r\nORG:A\\;B\r\n", text, StringComparison.Ordinal);
        Assert.Contains("NOTE:one\\ntwo \\\\ three\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCARD\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void VCardFoldsLinesAtSeventyFiveOctetsWithoutSplittingCharacters()
    {
        var text = new VCardQrContent { FirstName = "Zoë", Note = string.Concat(Enumerable.Repeat("ünïcödé ", 30)) }.ToQrText();

        var physicalLines = text.Split("\r\n");
        Assert.All(physicalLines, line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains(physicalLines, line => line.StartsWith(' '));
        var unfolded = text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("NOTE:" + string.Concat(Enumerable.Repeat("ünïcödé ", 30)).TrimEnd(), unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public void CalendarEventHasDeterministicUidAndStampInUtc()
    {
        var start = new DateTimeOffset(2026, 5, 14, 18, 30, 0, TimeSpan.FromHours(2));
        var content = new CalendarEventQrContent("Launch; party", start, start.AddHours(2), "Room 1, floor 2");

        var text = content.ToQrText();

        Assert.Contains("\r\nBEGIN:VEVENT\r\nUID:", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTAMP:20260514T163000Z\r\nDTSTART:20260514T163000Z\r\nDTEND:20260514T183000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Launch\\; party\r\n", text, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Room 1\\, floor 2\r\n", text, StringComparison.Ordinal);
        Assert.Equal(text, (content with { }).ToQrText());
        Assert.NotEqual(text, (content with { Summary = "Other" }).ToQrText().Replace("Other", "Launch\\; party", StringComparison.Ordinal));
    }

    [Fact]
    public void AllDayEventUsesDatesWithExclusiveEnd()
    {
        var day = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

        var text = new CalendarEventQrContent("Holiday", day, day, AllDay: true).ToQrText();

        Assert.Contains("DTSTART;VALUE=DATE:20260701\r\nDTEND;VALUE=DATE:20260702\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailIsMailtoWithPercentEncodedFields()
    {
        var text = new EmailQrContent("a@example.com", "Hi & bye", "line1\nline2").ToQrText();

        Assert.Equal("mailto:a@example.com?subject=Hi%20%26%20bye&body=line1%0D%0Aline2", text);
    }

    [Fact]
    public void SmsAndPhoneKeepOnlyDialableCharacters()
    {
        Assert.Equal("SMSTO:+15550101234:Hi", new SmsQrContent("+1 (555) 010-1234", "Hi").ToQrText());
        Assert.Equal("tel:+493012345678", new PhoneQrContent("+49 30 1234-5678").ToQrText());
    }

    [Fact]
    public void GeoUsesInvariantCultureAndRounds()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("geo:48.8583701,2.2944813,35.5", new GeoQrContent(48.85837009, 2.29448129, 35.5).ToQrText());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
