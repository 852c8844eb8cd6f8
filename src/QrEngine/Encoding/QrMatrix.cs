namespace QrAspire.QrEngine.Encoding;

/// <summary>
/// The modules of an encoded QR symbol, without quiet zone: <see cref="Size"/> × <see cref="Size"/>
/// modules, <c>true</c> for dark.
/// </summary>
public sealed class QrMatrix
{
    private readonly bool[] _modules;

    internal QrMatrix(int version, ErrorCorrectionLevel level, bool[] modules)
    {
        Version = version;
        ErrorCorrection = level;
        Size = 17 + (4 * version);
        _modules = modules;
    }

    /// <summary>The symbol version, 1–40.</summary>
    public int Version { get; }

    /// <summary>The error-correction level the data was encoded with.</summary>
    public ErrorCorrectionLevel ErrorCorrection { get; }

    /// <summary>The number of modules on a side (17 + 4 × version).</summary>
    public int Size { get; }

    /// <summary>True when the module at column <paramref name="x"/>, row <paramref name="y"/> is dark.</summary>
    public bool this[int x, int y] => _modules[(y * Size) + x];

    /// <summary>One row of modules.</summary>
    public ReadOnlySpan<bool> Row(int y) => _modules.AsSpan(y * Size, Size);

    /// <summary>True when (x, y) lies in one of the three 7×7 finder patterns (the "eyes").</summary>
    public bool IsInFinder(int x, int y) =>
        (x < 7 && y < 7) || (x >= Size - 7 && y < 7) || (x < 7 && y >= Size - 7);
}
