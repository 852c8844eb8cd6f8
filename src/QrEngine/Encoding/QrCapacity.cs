namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// How many codewords each version holds and how they split into error-correction blocks (ISO/IEC 18004,
/// table 9), and where its alignment patterns sit.
/// </summary>
internal static class QrCapacity
{
    // Error-correction codewords per block, indexed [level][version]; index 0 is unused.
    private static readonly byte[][] EccPerBlock =
    [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ];

    // Error-correction blocks, indexed [level][version]; index 0 is unused.
    private static readonly byte[][] Blocks =
    [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ];

    /// <summary>The modules left for data and error correction once the function patterns are placed.</summary>
    public static int RawDataModules(int version)
    {
        var size = 17 + (4 * version);
        var modules = size * size;
        modules -= 3 * 64; // finders with their separators
        modules -= 2 * (size - 16); // timing patterns between the separators
        modules -= 31; // both copies of the format information, and the dark module
        if (version >= 2)
        {
            var perSide = (version / 7) + 2;
            var patterns = (perSide * perSide) - 3;
            modules -= patterns * 25;
            modules += 2 * (perSide - 2) * 5; // alignment patterns that cross a timing pattern share 5 modules with it
        }

        if (version >= 7)
        {
            modules -= 36; // both copies of the version information
        }

        return modules;
    }

    /// <summary>All codewords of a version: data and error correction.</summary>
    public static int TotalCodewords(int version) => RawDataModules(version) / 8;

    /// <summary>The error-correction codewords in each block.</summary>
    public static int EccCodewordsPerBlock(int version, ErrorCorrectionLevel level) => EccPerBlock[(int)level][version];

    /// <summary>How many blocks the codewords split into.</summary>
    public static int BlockCount(int version, ErrorCorrectionLevel level) => Blocks[(int)level][version];

    /// <summary>The data codewords a version holds at a level.</summary>
    public static int DataCodewords(int version, ErrorCorrectionLevel level) =>
        TotalCodewords(version) - (EccCodewordsPerBlock(version, level) * BlockCount(version, level));

    /// <summary>
    /// The row (and column) centres of the alignment patterns: 6, then evenly spaced (by an even step) up to
    /// size − 7. Version 1 has none.
    /// </summary>
    public static int AlignmentCentres(int version, Span<int> centres)
    {
        if (version == 1)
        {
            return 0;
        }

        var count = (version / 7) + 2;
        var size = 17 + (4 * version);
        var step = version == 32 ? 26 : ((((version * 4) + (count * 2) + 1) / ((count * 2) - 2)) * 2);
        centres[0] = 6;
        for (var i = 1; i < count; i++)
        {
            centres[i] = size - 7 - ((count - 1 - i) * step);
        }

        return count;
    }
}
