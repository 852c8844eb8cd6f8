using QrAspire.QrEngine.Encoding;
using QRCoder;
using Xunit.Abstractions;

namespace QrAspire.QrEngine.Tests;

/// <summary>How ASCII text is split into numeric, alphanumeric and byte segments.</summary>
public class SegmentTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tel:+4915112345678", "Byte 5, Numeric 13")]
    [InlineData("a1b", "Byte 3")]
    [InlineData("https://qr.example.com/r/a1B2c3", "Byte 31")]
    [InlineData("HTTPS://QR.EXAMPLE.COM/R/12345678901234567890", "Alphanumeric 25, Numeric 20")]
    [InlineData("0123456789", "Numeric 10")]
    [InlineData("", "Byte 0")]
    public void TextIsSplitWhereASegmentPaysForItsHeader(string text, string expected)
    {
        var segments = new List<QrSegment>();

        QrSegments.Plan(text, band: 0, segments);

        Assert.Equal(expected, string.Join(", ", segments.Select(s => $"{s.Mode} {s.Length}")));
    }

    [Fact]
    public void ThePlanIsTheCheapestOfEverySplitForShortTexts()
    {
        // Every assignment of a mode to each character of every text over a small alphabet, costed exactly.
        const string Alphabet = "7A:a";
        var segments = new List<QrSegment>();
        var checkedTexts = 0;
        for (var length = 1; length <= 6; length++)
        {
            for (var n = 0; n < (int)Math.Pow(Alphabet.Length, length); n++)
            {
                var text = new char[length];
                for (int i = 0, rest = n; i < length; i++, rest /= Alphabet.Length)
                {
                    text[i] = Alphabet[rest % Alphabet.Length];
                }

                foreach (var band in (int[])[0, 1, 2])
                {
                    var planned = QrSegments.Plan(text, band, segments);

                    Assert.Equal(Cheapest(text, band), planned);
                    Assert.Equal(planned, segments.Sum(s => QrSegments.Bits(s.Mode, s.Length, band)));
                    Assert.Equal(length, segments.Sum(s => s.Length));
                }

                checkedTexts++;
            }
        }

        Assert.Equal(5460, checkedTexts);
    }

    [Fact]
    public void MixedTextNeverNeedsALargerSymbolThanQRCodersAndReadsBack()
    {
        var random = new Random(5);
        string[] pieces = ["https://", "shop.example.com/", "ORDER-", "2026", "/", "4915112345678", "?id=", "X7", "BEGIN:VCARD\nTEL:", "+1 555 010 9999", "a", "Z", "00"];
        var smaller = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var level = (ErrorCorrectionLevel)random.Next(4);

            var ours = QrEncoder.Encode(text, level);

            using var reference = QRCodeGenerator.GenerateQrCode(text, (QRCodeGenerator.ECCLevel)(int)level);
            Assert.True(ours.Version <= reference.Version, $"'{text}' at {level}: version {ours.Version}, QRCoder {reference.Version}");
            smaller += ours.Version < reference.Version ? 1 : 0;
            EncoderTests.AssertZXingReadsItWithoutCorrections(ours, text, $"'{text}' at {level}");
        }

        output.WriteLine($"{smaller} of 300 texts fit a smaller version than QRCoder's");
    }

    // The fewest bits over every way to give each character a mode it can be encoded in.
    private static int Cheapest(char[] text, int band)
    {
        var best = int.MaxValue;
        var modes = new QrMode[text.Length];
        var combinations = (int)Math.Pow(3, text.Length);
        for (var n = 0; n < combinations; n++)
        {
            var possible = true;
            for (int i = 0, rest = n; i < text.Length; i++, rest /= 3)
            {
                modes[i] = (QrMode)(1 << (rest % 3));
                possible &= modes[i] switch
                {
                    QrMode.Numeric => char.IsAsciiDigit(text[i]),
                    QrMode.Alphanumeric => QrSegments.Alphanumeric.Contains(text[i], StringComparison.Ordinal),
                    _ => true,
                };
            }

            if (!possible)
            {
                continue;
            }

            var bits = 0;
            for (var start = 0; start < text.Length;)
            {
                var end = start;
                while (end < text.Length && modes[end] == modes[start])
                {
                    end++;
                }

                bits += QrSegments.Bits(modes[start], end - start, band);
                start = end;
            }

            best = Math.Min(best, bits);
        }

        return best;
    }
}
