using System.Text;
using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;
using QrAspire.QrEngine.Tests.Support;
using Xunit.Abstractions;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// Random content (seeded, so a failure is reproducible from its seed) of random length and character
/// mix, random error correction and shapes: every one must decode back to itself.
/// </summary>
public class PropertyTests(ITestOutputHelper output)
{
    private const int Cases = 2000;

    [Theory]
    [InlineData(QrFormat.Png, 1)]
    [InlineData(QrFormat.Svg, 2)]
    public void RandomContentDecodesToItself(QrFormat format, int seed)
    {
        var random = new Random(seed);
        var unread = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var text = RandomText(random);
            var level = (ErrorCorrectionLevel)random.Next(4);
            var style = QrStyle.Default with
            {
                Size = 200,
                Modules = (ModuleShape)random.Next(3),
                Eyes = (EyeShape)random.Next(3),
                QuietZone = random.Next(2, 5),
            };
            var matrix = QrEncoder.Encode(text, level);
            style = style with { Size = Math.Max(200, 3 * (matrix.Size + (2 * style.QuietZone))) };

            var image = QrRenderer.Render(new QrRenderRequest(new TextQrContent(text), format) { ErrorCorrection = level, Style = style });

            var decoded = QrDecoder.Decode(image.Content, format);
            if (decoded is null)
            {
                unread.Add($"case {i} ({level}, {style.Modules}/{style.Eyes}, v{image.Version}): '{text}'");
                continue;
            }

            Assert.True(text == decoded, $"case {i} (seed {seed}, {level}, {style.Modules}/{style.Eyes}): '{text}' decoded as '{decoded}'");
        }

        // A misread is never tolerated. An unread symbol is tolerated at most once per thousand: ZXing's
        // detector cannot find a few perfect symbols (e.g. "X" at level H, also as QRCoder renders it).
        output.WriteLine($"{unread.Count} of {Cases} unread by ZXing: {string.Join("; ", unread)}");
        Assert.True(unread.Count <= Cases / 1000, string.Join("; ", unread));
    }

    private static string RandomText(Random random)
    {
        ReadOnlySpan<(int From, int To)> alphabets =
        [
            (0x20, 0x7E), // ASCII printable
            (0x30, 0x39), // digits (numeric mode)
            (0x41, 0x5A), // upper case (alphanumeric mode)
            (0xA0, 0xFF), // Latin-1
            (0x400, 0x4FF), // Cyrillic
            (0x4E00, 0x4FFF), // CJK
        ];
        var length = random.Next(1, random.Next(2) == 0 ? 40 : 160);
        var mix = random.Next(alphabets.Length + 2);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var (from, to) = alphabets[mix < alphabets.Length ? mix : random.Next(alphabets.Length)];
            builder.Append((char)random.Next(from, to + 1));
        }

        if (random.Next(20) == 0)
        {
            builder.Append("🙂\n");
        }

        return builder.ToString();
    }
}
