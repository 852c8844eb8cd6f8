using System.IO.Compression;
using QrAspire.QrEngine.Rendering;

namespace QrAspire.QrEngine.Tests;

public class ZlibTests
{
    public static TheoryData<string> Inputs() => ["empty", "one byte", "random 100 KB", "zeros 100 KB", "operators", "every match length", "repeats beyond the window"];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ZLibStreamInflatesWhatZlibCompressed(string name)
    {
        var input = Input(name);

        using var output = new OutputBuffer(16);
        Zlib.Compress(input, output);
        using var inflater = new ZLibStream(new MemoryStream(output.ToArray()), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflater.CopyTo(inflated);

        Assert.Equal(input, inflated.ToArray());
    }

    [Fact]
    public void RepetitiveDataShrinksAboutAsMuchAsZlibsFastestLevel()
    {
        var input = Input("operators");
        using var reference = new MemoryStream();
        using (var zlib = new ZLibStream(reference, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(input);
        }

        using var output = new OutputBuffer(16);
        Zlib.Compress(input, output);

        Assert.True(output.Count < input.Length / 2, $"{input.Length} bytes compressed to {output.Count}");
        Assert.True(output.Count < reference.Length * 1.5, $"{output.Count} bytes against zlib's {reference.Length}");
    }

    private static byte[] Input(string name)
    {
        var random = new Random(name.Length);
        switch (name)
        {
            case "empty":
                return [];
            case "one byte":
                return [42];
            case "random 100 KB":
                var bytes = new byte[100_000];
                random.NextBytes(bytes);
                return bytes;
            case "zeros 100 KB":
                return new byte[100_000];
            case "operators":
                var text = new System.Text.StringBuilder();
                for (var i = 0; i < 2_000; i++)
                {
                    text.Append(random.Next(40)).Append(' ').Append(random.Next(40)).Append(' ').Append(random.Next(1, 9)).Append(" 1 re\n");
                }

                return System.Text.Encoding.ASCII.GetBytes(text.ToString());
            case "every match length":
                var runs = new List<byte>();
                for (var length = 1; length <= 300; length++)
                {
                    runs.AddRange(Enumerable.Repeat((byte)(length % 7), length));
                    runs.Add((byte)(200 + (length % 50)));
                }

                return [.. runs];
            default:
                // A 40 KB random block twice: its repeat lies beyond deflate's 32 KB window.
                var block = new byte[40_000];
                random.NextBytes(block);
                return [.. block, .. block, .. block.AsSpan(0, 1000)];
        }
    }
}
