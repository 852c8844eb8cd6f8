namespace QrAspire.QrEngine.Encoding;

/// <summary>Reed–Solomon error-correction codewords over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.</summary>
internal static class ReedSolomon
{
    // Exp is doubled so that Exp[Log[a] + Log[b]] needs no modulo.
    private static readonly byte[] Exp = new byte[512];
    private static readonly byte[] Log = new byte[256];

    // The generator polynomial of each degree, as the logs of its coefficients below the leading 1.
    private static readonly byte[]?[] GeneratorLogs = new byte[31][];

    static ReedSolomon()
    {
        var value = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = (byte)value;
            Exp[i + 255] = (byte)value;
            Log[value] = (byte)i;
            value <<= 1;
            if (value > 255)
            {
                value ^= 0x11D;
            }
        }
    }

    /// <summary>Writes the <paramref name="ecc"/>.Length error-correction codewords of <paramref name="data"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> data, Span<byte> ecc)
    {
        var generator = Generator(ecc.Length);
        ecc.Clear();
        var last = ecc.Length - 1;
        foreach (var codeword in data)
        {
            var factor = codeword ^ ecc[0];
            ecc[1..].CopyTo(ecc);
            ecc[last] = 0;
            if (factor != 0)
            {
                var logFactor = Log[factor];
                for (var i = 0; i < generator.Length; i++)
                {
                    ecc[i] ^= Exp[generator[i] + logFactor];
                }
            }
        }
    }

    private static byte[] Generator(int degree)
    {
        if (GeneratorLogs[degree] is { } cached)
        {
            return cached;
        }

        // (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest power first; in GF(256) minus is plus.
        Span<byte> coefficients = stackalloc byte[degree + 1];
        coefficients.Clear();
        coefficients[0] = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var k = i + 1; k >= 1; k--)
            {
                coefficients[k] ^= Multiply(coefficients[k - 1], Exp[i]);
            }
        }

        var logs = new byte[degree];
        for (var i = 0; i < degree; i++)
        {
            // Every coefficient of the generators QR uses (degrees 7–30) is non-zero, so each has a log.
            logs[i] = coefficients[i + 1] != 0
                ? Log[coefficients[i + 1]]
                : throw new InvalidOperationException($"The degree-{degree} generator has a zero coefficient.");
        }

        GeneratorLogs[degree] = logs;
        return logs;
    }

    private static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];
}
