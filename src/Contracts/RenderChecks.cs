namespace QrAspire.Contracts;

/// <remarks>A code to check for scannability: what it encodes, how it looks, how large it is printed and from how far it is scanned.</remarks>
public sealed record RenderCheckRequest
{
    /// <remarks>What to encode.</remarks>
    public QrContent? Content { get; init; }

    /// <remarks>The look, or null for the defaults.</remarks>
    public QrCodeStyle? Style { get; init; }

    /// <summary>A brand kit's id (<c>kit_…</c>): its style applies, with the fields of <c>style</c> on top.</summary>
    public string? BrandKitId { get; init; }

    /// <summary>Printed width in millimetres, quiet zone included (5–5,000); default: the style's size at its dpi.</summary>
    public double? PrintedSizeMm { get; init; }

    /// <summary>Distance the code is scanned from, in millimetres (50–10,000; default 300).</summary>
    public double? ScanningDistanceMm { get; init; }
}

/// <remarks>How well a code scans: a score, each simulated condition per decoder, the minimum printed size and advice.</remarks>
public sealed record RenderCheckResponse
{
    /// <summary>0–100: the share of condition × decoder reads that returned the right text.</summary>
    public int Score { get; init; }

    /// <summary>The decoders asked, and whether each was available.</summary>
    public IReadOnlyList<RenderCheckDecoder> Decoders { get; init; } = [];

    /// <summary>Every simulated condition and what each decoder made of it.</summary>
    public IReadOnlyList<RenderCheckCondition> Conditions { get; init; } = [];

    /// <summary>The names of the conditions some available decoder could not read.</summary>
    public IReadOnlyList<string> FailingConditions { get; init; } = [];

    /// <summary>The printed width checked, in millimetres.</summary>
    public double PrintedSizeMm { get; init; }

    /// <summary>The scanning distance checked, in millimetres.</summary>
    public double ScanningDistanceMm { get; init; }

    /// <summary>The smallest printed width, in millimetres, that scans from that distance.</summary>
    public double MinimumPrintedSizeMm { get; init; }

    /// <summary>How the minimum size is worked out, and where the rule comes from.</summary>
    public string SizeRule { get; init; } = "";

    /// <summary>The QR version the content needs.</summary>
    public int Version { get; init; }

    /// <summary>Concrete changes that would make the code scan better; empty when nothing needs changing.</summary>
    public IReadOnlyList<string> Advice { get; init; } = [];
}

/// <remarks>A decoder of the check.</remarks>
/// <param name="Name"><c>zxing</c> or <c>zbar</c>.</param>
/// <param name="Available">False when it is not installed on the server: its reads are left out of the score.</param>
public sealed record RenderCheckDecoder(string Name, bool Available);

/// <remarks>One simulated condition.</remarks>
/// <param name="Name"><c>distance</c>, <c>blur</c>, <c>noise</c>, <c>tilt</c> or <c>low_contrast</c>.</param>
/// <param name="Description">What was simulated, with its numbers.</param>
/// <param name="Zxing">True when ZXing read it.</param>
/// <param name="Zbar">True when zbar read it; null when zbar is unavailable.</param>
public sealed record RenderCheckCondition(string Name, string Description, bool Zxing, bool? Zbar);
