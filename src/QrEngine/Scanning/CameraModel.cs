namespace QrAspire.QrEngine.Scanning;

/// <summary>
/// How many pixels a phone's scanner sees of a printed code. Scanner apps decode preview frames, not photos: 1,280
/// pixels across (720p preview, ZXing's and ML Kit's common choice) over a horizontal field of view of 65° (a typical
/// main camera). At distance d the frame covers 2·d·tan(32.5°) ≈ 1.27·d, so 1,280 / 1.27·d pixels fall on each
/// millimetre: 3.4 px/mm at 30 cm, 1.0 px/mm at 1 m.
/// </summary>
public static class CameraModel
{
    /// <summary>Preview frame width in pixels.</summary>
    public const int FramePixels = 1280;

    /// <summary>Horizontal field of view in degrees.</summary>
    public const double FieldOfViewDegrees = 65;

    /// <summary>
    /// Camera pixels a module needs to be read reliably: below two, blur and the Bayer pattern merge neighbouring
    /// modules (ZXing's own detector gives up under about 1.5 pixels per module).
    /// </summary>
    public const double MinPixelsPerModule = 2;

    /// <summary>Distance-to-size ratio of the common 10:1 rule: a code is scanned from at most ten times its width.</summary>
    public const double DistanceToSizeRatio = 10;

    /// <summary>Camera pixels per millimetre of print at <paramref name="distanceMm"/>.</summary>
    public static double PixelsPerMm(double distanceMm) =>
        FramePixels / (2 * distanceMm * Math.Tan(FieldOfViewDegrees / 2 * Math.PI / 180));

    /// <summary>
    /// The smallest printed width (quiet zone included) that scans from <paramref name="distanceMm"/>: the larger of
    /// the 10:1 rule and <see cref="MinPixelsPerModule"/> camera pixels for each of <paramref name="totalModules"/>.
    /// </summary>
    public static double MinimumSizeMm(double distanceMm, int totalModules) =>
        Math.Max(distanceMm / DistanceToSizeRatio, totalModules * MinPixelsPerModule / PixelsPerMm(distanceMm));
}
