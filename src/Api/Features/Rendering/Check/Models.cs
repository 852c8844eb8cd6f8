using FastEndpoints;
using FluentValidation;
using QrAspire.QrEngine.Scanning;

namespace QrAspire.Api.Features.Rendering.Check;

internal sealed class RenderCheckValidator : Validator<RenderCheckRequest>
{
    public RenderCheckValidator()
    {
        RuleFor(r => r.Content).NotNull().WithErrorCode("content_required").WithMessage("Give the content to encode.");
    }
}

/// <summary>The engine's report as the wire has it.</summary>
internal static class RenderCheckMapping
{
    public static readonly string SizeRule =
        $"The larger of two rules: the common 10:1 distance-to-size rule (a code scans from at most ten times its printed width, "
        + $"as QR code vendors' size guides state), and at least {CameraModel.MinPixelsPerModule} camera pixels per module for a phone "
        + $"decoding {CameraModel.FramePixels}-pixel-wide preview frames through a {CameraModel.FieldOfViewDegrees}° lens (docs/qr-engine.md).";

    public static RenderCheckResponse ToResponse(ScanReport report) => new()
    {
        Score = report.Score,
        Decoders = [new RenderCheckDecoder("zxing", true), new RenderCheckDecoder("zbar", report.ZbarAvailable)],
        Conditions = [.. report.Conditions.Select(c => new RenderCheckCondition(c.Name, c.Description, c.Zxing, c.Zbar))],
        FailingConditions = [.. report.Conditions.Where(c => !c.Passed).Select(c => c.Name)],
        PrintedSizeMm = report.PrintedSizeMm,
        ScanningDistanceMm = report.ScanningDistanceMm,
        MinimumPrintedSizeMm = report.MinimumSizeMm,
        SizeRule = SizeRule,
        Version = report.Version,
        Advice = report.Advice,
    };
}
