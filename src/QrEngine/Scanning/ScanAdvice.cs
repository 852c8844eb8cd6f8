using System.Globalization;
using QrAspire.QrEngine.Encoding;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrEngine.Scanning;

/// <summary>Concrete advice from a check's results and the style: each line names the change to make.</summary>
internal static class ScanAdvice
{
    public static IReadOnlyList<string> For(QrStyle style, RenderedImage image, IReadOnlyList<ScanConditionResult> results, double printedMm, double minimumMm, double distanceMm)
    {
        var advice = new List<string>();
        var failed = results.Where(r => !r.Passed).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        if (printedMm < minimumMm)
        {
            advice.Add(Invariant($"Print it at least {Math.Ceiling(minimumMm):0} mm wide (quiet zone included) to scan from {distanceMm / 10:0} cm; at {printedMm:0} mm, hold the phone within {printedMm * CameraModel.DistanceToSizeRatio / 10:0} cm."));
        }

        if (style.Modules == ModuleShape.Dots && style.Eyes == EyeShape.Circle)
        {
            advice.Add("Circle eyes with dot modules are missed by some scanners: use rounded-square eyes or error correction Q.");
        }

        if (failed.Contains("blur") || failed.Contains("distance"))
        {
            advice.Add(image.Version > 6
                ? Invariant($"The content needs version {image.Version} ({(image.Version * 4) + 17} modules a side): shorten it, or use a dynamic code, whose short link fits version 2 or 3, so each module prints larger.")
                : "Print it larger or scan from closer: the modules are too small for a phone camera at this distance.");
        }

        if (failed.Contains("low_contrast") && ColourContrast.Ratio(style.Gradient?.End ?? style.Foreground, style.Background) < 7)
        {
            advice.Add("Under glare the colours run together: use a darker foreground (a contrast of 7:1 or more, e.g. near-black on white).");
        }

        if ((failed.Contains("tilt") || failed.Contains("noise")) && image.ErrorCorrection is ErrorCorrectionLevel.L or ErrorCorrectionLevel.M)
        {
            advice.Add(Invariant($"Raise error correction from {image.ErrorCorrection} to Q: it recovers from more damaged or distorted modules."));
        }

        if (failed.Contains("tilt") && style.QuietZone < 4)
        {
            advice.Add(Invariant($"Widen the quiet zone from {style.QuietZone} to 4 modules: scanners find the code's edges by the blank margin."));
        }

        if (style.Logo is not null && failed.Count > 0)
        {
            advice.Add("The logo covers modules the error correction must restore: try without it, or with a plain background pad.");
        }

        if (failed.Count > 0 && (style.Modules is ModuleShape.Dots or ModuleShape.Diamond))
        {
            advice.Add(Invariant($"{style.Modules} modules leave less ink per module than squares: use square or rounded modules for small prints."));
        }

        return advice;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
