using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// Lays codewords out as a QR symbol: function patterns, the data in its two-column zigzag, then the one of
/// the eight masks with the lowest penalty (ISO/IEC 18004, 7.8.3; ties go to the lower mask number).
/// </summary>
/// <remarks>
/// Scoring eight masks is most of an encode, so it is vectorised: the symbol is kept once as rows and once
/// transposed, one <c>ushort</c> per module, and each pass walks down the columns of one of them with a
/// vector of columns at a time (runs, the 1:1:3:1:1 pattern as an 11-bit window per column, and 2 × 2 blocks).
/// Columns of the transposed copy are the rows.
/// </remarks>
internal static class QrSymbol
{
    private const int MaskPeriod = 12; // every mask repeats every 12 modules in both directions
    private const int MaxStride = 192; // 177 modules rounded up to any vector width up to 64 lanes
    private static readonly int Lanes = Vector<ushort>.Count;

    // The masks along a row (x) for each mask and row y % 12, and along a column (y) for each mask and x % 12.
    private static readonly ushort[] RowMasks = MaskTable(transposed: false);
    private static readonly ushort[] ColumnMasks = MaskTable(transposed: true);

    /// <summary>Builds the symbol of <paramref name="version"/> holding <paramref name="codewords"/> (already interleaved).</summary>
    public static bool[] Build(int version, ErrorCorrectionLevel level, ReadOnlySpan<byte> codewords)
    {
        var size = 17 + (4 * version);
        var stride = (size + Lanes - 1) / Lanes * Lanes;
        var length = (size * stride) + Lanes; // one spare vector: the 2 × 2 check reads one module past a row
        var pool = ArrayPool<ushort>.Shared;
        var buffer = pool.Rent(length * 6);
        try
        {
            var all = buffer.AsSpan(0, length * 6);
            all.Clear();
            var grid = new Grid(size, stride, all[..length], all.Slice(length, length), all.Slice(2 * length, length), all.Slice(3 * length, length));
            var masked = all.Slice(4 * length, length);
            var maskedColumns = all.Slice(5 * length, length);

            var function = ArrayPool<bool>.Shared.Rent(size * size);
            try
            {
                Array.Clear(function, 0, size * size);
                PlaceFunctionPatterns(grid, function, version);
                PlaceData(grid, function, codewords);
            }
            finally
            {
                ArrayPool<bool>.Shared.Return(function);
            }

            var best = 0;
            var bestScore = int.MaxValue;
            for (var mask = 0; mask < 8; mask++)
            {
                PlaceFormat(grid, level, mask);
                ApplyMask(grid.Values, grid.Data, RowMasks, mask, size, stride, masked);
                ApplyMask(grid.TransposedValues, grid.TransposedData, ColumnMasks, mask, size, stride, maskedColumns);
                var score = Penalty(masked, size, stride, columnsOnly: false) + Penalty(maskedColumns, size, stride, columnsOnly: true);
                if (score < bestScore)
                {
                    (best, bestScore) = (mask, score);
                }
            }

            PlaceFormat(grid, level, best);
            ApplyMask(grid.Values, grid.Data, RowMasks, best, size, stride, masked);
            var modules = new bool[size * size];
            for (var y = 0; y < size; y++)
            {
                var row = masked.Slice(y * stride, size);
                for (var x = 0; x < size; x++)
                {
                    modules[(y * size) + x] = row[x] != 0;
                }
            }

            return modules;
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    /// <summary>True when mask <paramref name="mask"/> inverts the module at column x, row y.</summary>
    internal static bool Inverts(int mask, int x, int y) => mask switch
    {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => ((x / 3) + (y / 2)) % 2 == 0,
        5 => ((x * y) % 2) + ((x * y) % 3) == 0,
        6 => (((x * y) % 2) + ((x * y) % 3)) % 2 == 0,
        _ => (((x + y) % 2) + ((x * y) % 3)) % 2 == 0,
    };

    private static ushort[] MaskTable(bool transposed)
    {
        var table = new ushort[8 * MaskPeriod * MaxStride];
        for (var mask = 0; mask < 8; mask++)
        {
            for (var r = 0; r < MaskPeriod; r++)
            {
                for (var i = 0; i < MaxStride; i++)
                {
                    var inverts = transposed ? Inverts(mask, r, i) : Inverts(mask, i, r);
                    table[(((mask * MaskPeriod) + r) * MaxStride) + i] = inverts ? (ushort)1 : (ushort)0;
                }
            }
        }

        return table;
    }

    private static void PlaceFunctionPatterns(Grid grid, bool[] function, int version)
    {
        var size = grid.Size;
        foreach (var (left, top) in (ReadOnlySpan<(int, int)>)[(0, 0), (size - 7, 0), (0, size - 7)])
        {
            // The finder and the light separator around it.
            for (var dy = -1; dy <= 7; dy++)
            {
                for (var dx = -1; dx <= 7; dx++)
                {
                    var (x, y) = (left + dx, top + dy);
                    if (x >= 0 && x < size && y >= 0 && y < size)
                    {
                        var ring = Math.Max(Math.Abs(dx - 3), Math.Abs(dy - 3));
                        SetFunction(grid, function, x, y, ring is 0 or 1 or 3);
                    }
                }
            }
        }

        for (var i = 8; i < size - 8; i++)
        {
            SetFunction(grid, function, i, 6, i % 2 == 0);
            SetFunction(grid, function, 6, i, i % 2 == 0);
        }

        Span<int> centres = stackalloc int[7];
        var count = QrCapacity.AlignmentCentres(version, centres);
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                var corner = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
                if (corner)
                {
                    continue;
                }

                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        SetFunction(grid, function, centres[i] + dx, centres[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                    }
                }
            }
        }

        // Reserve the format information (written per mask) and set the dark module beside it.
        PlaceFormatBits(grid, function, 0);
        SetFunction(grid, function, 8, size - 8, dark: true);

        if (version >= 7)
        {
            var bits = VersionBits(version);
            for (var i = 0; i < 18; i++)
            {
                var dark = ((bits >> i) & 1) != 0;
                var (a, b) = (size - 11 + (i % 3), i / 3);
                SetFunction(grid, function, a, b, dark);
                SetFunction(grid, function, b, a, dark);
            }
        }
    }

    private static void PlaceData(Grid grid, bool[] function, ReadOnlySpan<byte> codewords)
    {
        var size = grid.Size;
        var bit = 0;
        var bits = codewords.Length * 8;
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5; // the vertical timing pattern is skipped as a whole column
            }

            var upward = ((right + 1) & 2) == 0;
            for (var step = 0; step < size; step++)
            {
                var y = upward ? size - 1 - step : step;
                for (var x = right; x >= right - 1; x--)
                {
                    if (function[(y * size) + x])
                    {
                        continue;
                    }

                    // Modules past the last codeword (the remainder bits) stay light before masking.
                    var dark = bit < bits && ((codewords[bit >> 3] >> (7 - (bit & 7))) & 1) != 0;
                    bit++;
                    grid.Set(x, y, dark);
                    grid.Data[(y * grid.Stride) + x] = 1;
                    grid.TransposedData[(x * grid.Stride) + y] = 1;
                }
            }
        }
    }

    private static void PlaceFormat(Grid grid, ErrorCorrectionLevel level, int mask)
    {
        // Level bits: L 01, M 00, Q 11, H 10.
        var levelBits = level switch
        {
            ErrorCorrectionLevel.L => 1,
            ErrorCorrectionLevel.M => 0,
            ErrorCorrectionLevel.Q => 3,
            _ => 2,
        };
        PlaceFormatBits(grid, function: null, FormatBits((levelBits << 3) | mask));
    }

    private static void PlaceFormatBits(Grid grid, bool[]? function, int bits)
    {
        var size = grid.Size;
        for (var i = 0; i < 15; i++)
        {
            var dark = ((bits >> i) & 1) != 0;

            // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
            var (x1, y1) = i switch
            {
                < 6 => (8, i),
                6 => (8, 7),
                7 => (8, 8),
                8 => (7, 8),
                _ => (14 - i, 8),
            };

            // The copy: along row 8 under the top-right finder, then up column 8 beside the bottom-left one.
            var (x2, y2) = i < 8 ? (size - 1 - i, 8) : (8, size - 15 + i);
            SetFunction(grid, function, x1, y1, dark);
            SetFunction(grid, function, x2, y2, dark);
        }
    }

    /// <summary>The 15 format bits: 5 data bits, a BCH(15,5) remainder, XORed with 101010000010010.</summary>
    private static int FormatBits(int data)
    {
        var remainder = data;
        for (var i = 0; i < 10; i++)
        {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
        }

        return ((data << 10) | (remainder & 0x3FF)) ^ 0x5412;
    }

    /// <summary>The 18 version bits: the version, then a BCH(18,6) remainder.</summary>
    private static int VersionBits(int version)
    {
        var remainder = version;
        for (var i = 0; i < 12; i++)
        {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
        }

        return (version << 12) | (remainder & 0xFFF);
    }

    private static void SetFunction(Grid grid, bool[]? function, int x, int y, bool dark)
    {
        grid.Set(x, y, dark);
        if (function is not null)
        {
            function[(y * grid.Size) + x] = true;
        }
    }

    private static void ApplyMask(ReadOnlySpan<ushort> values, ReadOnlySpan<ushort> data, ushort[] masks, int mask, int size, int stride, Span<ushort> result)
    {
        for (var row = 0; row < size; row++)
        {
            var offset = row * stride;
            var pattern = masks.AsSpan((((mask * MaskPeriod) + (row % MaskPeriod)) * MaxStride), stride);
            var v = MemoryMarshal.Cast<ushort, Vector<ushort>>(values.Slice(offset, stride));
            var d = MemoryMarshal.Cast<ushort, Vector<ushort>>(data.Slice(offset, stride));
            var p = MemoryMarshal.Cast<ushort, Vector<ushort>>(pattern);
            var r = MemoryMarshal.Cast<ushort, Vector<ushort>>(result.Slice(offset, stride));
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = v[i] ^ (p[i] & d[i]);
            }
        }
    }

    /// <summary>
    /// The penalty of the columns of <paramref name="modules"/>: runs of five or more (3, plus 1 per module
    /// over five), the finder-like 1011101 with four light modules on either side (40 each), and, unless
    /// <paramref name="columnsOnly"/>, 2 × 2 blocks of one colour (3 each) and the dark share (10 per 5 % away
    /// from half).
    /// </summary>
    private static int Penalty(ReadOnlySpan<ushort> modules, int size, int stride, bool columnsOnly)
    {
        var chunks = stride / Lanes;
        var one = Vector<ushort>.One;
        var five = new Vector<ushort>(5);
        var window = new Vector<ushort>(0x7FF);
        var finderFirst = new Vector<ushort>(0b10111010000);
        var finderLast = new Vector<ushort>(0b00001011101);
        var inSymbol = new Vector<ushort>((ushort)size);
        var pairInSymbol = new Vector<ushort>((ushort)(size - 1));
        Vector<ushort> runs = default, finders = default, blocks = default, dark = default;
        ref var start = ref MemoryMarshal.GetReference(modules);

        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var column = Vector<ushort>.Indices + new Vector<ushort>((ushort)(chunk * Lanes));
            Vector<ushort> fives = default, longer = default, patterns = default, squares = default;
            var previous = Vector.LoadUnsafe(ref start, (nuint)(chunk * Lanes));
            var run = one;
            var bits = previous;
            var darkHere = previous;
            for (var y = 1; y < size; y++)
            {
                var offset = (nuint)((y * stride) + (chunk * Lanes));
                var current = Vector.LoadUnsafe(ref start, offset);
                var same = Vector.Equals(current, previous);
                run = Vector.ConditionalSelect(same, run + one, one);
                fives -= Vector.Equals(run, five);
                longer -= Vector.GreaterThan(run, five);
                bits = (Vector.ShiftLeft(bits, 1) | current) & window;
                if (y >= 10)
                {
                    patterns -= Vector.Equals(bits, finderFirst) | Vector.Equals(bits, finderLast);
                }

                if (!columnsOnly)
                {
                    var right = Vector.LoadUnsafe(ref start, offset + 1);
                    var previousRight = Vector.LoadUnsafe(ref start, offset + 1 - (nuint)stride);
                    squares -= same & Vector.Equals(current, right) & Vector.Equals(previous, previousRight);
                    darkHere += current;
                }

                previous = current;
            }

            // Lanes past the symbol's edge hold light padding; none of their counts are penalties.
            var valid = Vector.LessThan(column, inSymbol);
            runs += (((fives * new Vector<ushort>(3)) + longer) & valid);
            finders += patterns & valid;
            blocks += squares & Vector.LessThan(column, pairInSymbol);
            dark += darkHere & valid;
        }

        var score = Sum(runs) + (40 * Sum(finders));
        if (!columnsOnly)
        {
            score += 3 * Sum(blocks);
            var fifths = Sum(dark) * 20 / (size * size);
            score += Math.Min(Math.Abs(fifths - 10), Math.Abs(fifths - 9)) * 10;
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sum(Vector<ushort> counts)
    {
        Vector.Widen(counts, out var low, out var high);
        return (int)Vector.Sum(low + high);
    }

    /// <summary>The symbol as rows and as columns, one <c>ushort</c> (0 or 1) per module, rows padded to a whole vector.</summary>
    private readonly ref struct Grid(int size, int stride, Span<ushort> values, Span<ushort> transposedValues, Span<ushort> data, Span<ushort> transposedData)
    {
        public int Size { get; } = size;

        public int Stride { get; } = stride;

        /// <summary>Module values before masking, row by row.</summary>
        public Span<ushort> Values { get; } = values;

        /// <summary>The same, column by column.</summary>
        public Span<ushort> TransposedValues { get; } = transposedValues;

        /// <summary>1 where a module carries data (and is masked), 0 on function patterns and padding.</summary>
        public Span<ushort> Data { get; } = data;

        /// <summary>The same, column by column.</summary>
        public Span<ushort> TransposedData { get; } = transposedData;

        public void Set(int x, int y, bool dark)
        {
            var value = dark ? (ushort)1 : (ushort)0;
            Values[(y * Stride) + x] = value;
            TransposedValues[(x * Stride) + y] = value;
        }
    }
}
