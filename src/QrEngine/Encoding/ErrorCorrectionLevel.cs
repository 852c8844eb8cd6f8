namespace QrAspire.QrEngine.Encoding;

/// <summary>QR error-correction level: the share of the symbol that can be damaged and still read.</summary>
public enum ErrorCorrectionLevel
{
    /// <summary>About 7% recovery; the smallest symbol.</summary>
    L,

    /// <summary>About 15% recovery; the usual default.</summary>
    M,

    /// <summary>About 25% recovery.</summary>
    Q,

    /// <summary>About 30% recovery; forced when a logo is placed on the code.</summary>
    H,
}
