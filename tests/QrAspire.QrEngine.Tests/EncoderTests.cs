using System.Text;
using QrAspire.QrEngine.Encoding;
using QRCoder;

namespace QrAspire.QrEngine.Tests;

/// <summary>
/// The engine's encoder against QRCoder, an independent implementation of the same standard: every version
/// at every level in every mode must give the same symbol, module for module (same capacity tables, block
/// split, Reed–Solomon, placement, format and version bits, and the same mask chosen by the same penalty).
/// </summary>
public class EncoderTests
{
    private static readonly ErrorCorrectionLevel[] Levels = [ErrorCorrectionLevel.L, ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.H];

    private static readonly string[] ModeNames = ["numeric", "alphanumeric", "byte", "utf8"];

    public static TheoryData<string> Modes => new(ModeNames);

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryVersionAndLevelGivesQRCodersSymbol(string mode)
    {
        var random = new Random(mode.Length);
        var compared = 0;
        for (var version = 1; version <= 40; version++)
        {
            foreach (var level in Levels)
            {
                // The longest text of this mode that still fits, and a random shorter one.
                var longest = Longest(mode, version, level);
                foreach (var length in (int[])[longest, random.Next(1, longest + 1)])
                {
                    var text = Text(mode, length, random);
                    var ours = QrEncoder.Encode(text, level, version);
                    AssertSame(Reference(text, level, version), ours, $"{mode}, v{version} {level}, {length} characters");
                    AssertZXingReadsItWithoutCorrections(ours, text, $"{mode}, v{version} {level}, {length} characters");
                    compared++;
                }
            }
        }

        Assert.Equal(320, compared);
    }

    [Fact]
    public void TheSmallestVersionThatFitsIsChosenAsQRCoderChoosesIt()
    {
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var mode = ModeNames[i % 4];
            var level = Levels[random.Next(4)];
            var text = Text(mode, random.Next(1, 600), random);

            var ours = QrEncoder.Encode(text, level);

            AssertSame(Reference(text, level, null), ours, $"{mode}, auto {level}, '{text}'");
        }
    }

    [Theory]
    [InlineData("numeric")]
    [InlineData("alphanumeric")]
    [InlineData("byte")]
    [InlineData("utf8")]
    public void OneCharacterMoreThanTheLongestDoesNotFit(string mode)
    {
        foreach (var (version, level) in (ReadOnlySpan<(int, ErrorCorrectionLevel)>)[(1, ErrorCorrectionLevel.H), (9, ErrorCorrectionLevel.L), (10, ErrorCorrectionLevel.M), (40, ErrorCorrectionLevel.L)])
        {
            var longest = Longest(mode, version, level);
            var text = Text(mode, longest + 1, new Random(1));

            var error = Assert.Throws<QrEngineException>(() => QrEncoder.Encode(text, level, version));

            Assert.Equal((QrErrorCodes.DataTooLong, "version"), (error.Code, error.Field));
            if (version == 40)
            {
                Assert.Equal("content", Assert.Throws<QrEngineException>(() => QrEncoder.Encode(text, level)).Field);
            }
        }
    }

    [Fact]
    public void TheLongestUtf8TextOfAVersionDecodesToItself()
    {
        // QRCoder 1.8.1 leaves the ECI header out of its capacity check; the engine counts it.
        var text = Text("utf8", Longest("utf8", 5, ErrorCorrectionLevel.M), new Random(3));

        var matrix = QrEncoder.Encode(text, ErrorCorrectionLevel.M, 5);

        AssertZXingReadsItWithoutCorrections(matrix, text, "the longest UTF-8 text of version 5 at M");
    }

    [Fact]
    public void EachOfTheEightMasksIsChosenForSomeText()
    {
        var chosen = new HashSet<int>();
        var random = new Random(11);
        for (var i = 0; i < 5000 && chosen.Count < 8; i++)
        {
            var text = Text("byte", random.Next(1, 120), random);
            chosen.Add(MaskOf(QrEncoder.Encode(text, ErrorCorrectionLevel.M)));
        }

        Assert.Equal(8, chosen.Count);
    }

    // ZXing's decoder, given the modules themselves, must read the text back with no codeword corrected: a
    // wrong error-correction codeword would still scan (it is corrected) but spends the symbol's margin.
    internal static void AssertZXingReadsItWithoutCorrections(QrMatrix matrix, string text, string what)
    {
        var bits = new ZXing.Common.BitMatrix(matrix.Size);
        for (var y = 0; y < matrix.Size; y++)
        {
            for (var x = 0; x < matrix.Size; x++)
            {
                bits[x, y] = matrix[x, y];
            }
        }

        var result = new ZXing.QrCode.Internal.Decoder().decode(bits, null);
        Assert.True(result is not null, $"{what}: ZXing could not read it");
        Assert.True(result.Text == text && result.ErrorsCorrected == 0, $"{what}: ZXing read {result.Text.Length} characters, {result.ErrorsCorrected} codewords corrected");
    }

    // The longest text of a mode that fits a version at a level, counted from the standard's bit costs.
    private static int Longest(string mode, int version, ErrorCorrectionLevel level)
    {
        var bits = QrCapacity.DataCodewords(version, level) * 8;
        var band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
        switch (mode)
        {
            case "numeric":
                var room = bits - 4 - (10 + (2 * band));
                var digits = room / 10 * 3;
                return digits + ((room % 10) >= 7 ? 2 : (room % 10) >= 4 ? 1 : 0);
            case "alphanumeric":
                room = bits - 4 - (9 + (2 * band));
                return (room / 11 * 2) + ((room % 11) >= 6 ? 1 : 0);
            case "byte":
                return (bits - 4 - (band == 0 ? 8 : 16)) / 8;
            default:
                // Two-byte characters ('é'); the ECI header takes 12 bits.
                return (bits - 12 - 4 - (band == 0 ? 8 : 16)) / 8 / 2;
        }
    }

    private static string Text(string mode, int length, Random random)
    {
        var alphabet = mode switch
        {
            "numeric" => "0123456789",
            "alphanumeric" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:",
            // No digits in alphanumeric text and none of the alphanumeric characters in byte text: both encoders
            // split runs of those into their own segments where that is shorter, QRCoder by the standard's
            // heuristic and the engine by an exact plan, so a mixed text may differ (SegmentTests covers those).
            "byte" => "abcdefghijklmnopqrstuvwxyz?&=_~",
            _ => "éàüøçñ",
        };
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        // Byte-mode text needs one character outside the alphanumeric set, or it would be alphanumeric.
        if (mode == "byte")
        {
            text[0] = 'a';
        }

        return text.ToString();
    }

    private static QRCodeData Reference(string text, ErrorCorrectionLevel level, int? version)
    {
        var ascii = Ascii.IsValid(text);
        return QRCodeGenerator.GenerateQrCode(
            text,
            (QRCodeGenerator.ECCLevel)(int)level,
            forceUtf8: !ascii,
            utf8BOM: false,
            eciMode: ascii ? QRCodeGenerator.EciMode.Default : QRCodeGenerator.EciMode.Utf8,
            requestedVersion: version ?? -1);
    }

    private static void AssertSame(QRCodeData reference, QrMatrix ours, string what)
    {
        using (reference)
        {
            Assert.True(reference.Version == ours.Version, $"{what}: version {ours.Version}, QRCoder {reference.Version}");
            const int QuietZone = 4;
            for (var y = 0; y < ours.Size; y++)
            {
                for (var x = 0; x < ours.Size; x++)
                {
                    if (reference.ModuleMatrix[y + QuietZone][x + QuietZone] != ours[x, y])
                    {
                        var theirs = new bool[ours.Size * ours.Size];
                        for (var i = 0; i < theirs.Length; i++)
                        {
                            theirs[i] = reference.ModuleMatrix[(i / ours.Size) + QuietZone][(i % ours.Size) + QuietZone];
                        }

                        Assert.Fail($"{what}: module ({x}, {y}) differs (mask {MaskOf(ours)}, QRCoder's mask {MaskOf(new QrMatrix(ours.Version, ours.ErrorCorrection, theirs))})");
                    }
                }
            }
        }
    }

    // The mask number as the format bits beside the top-left finder carry it (bits 10–12 after unmasking).
    private static int MaskOf(QrMatrix matrix)
    {
        var bits = 0;
        ReadOnlySpan<(int X, int Y)> cells = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)];
        for (var i = 0; i < 15; i++)
        {
            bits |= (matrix[cells[i].X, cells[i].Y] ? 1 : 0) << i;
        }

        return ((bits ^ 0x5412) >> 10) & 7;
    }
}
