using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.QrCodes.Image;

/// <summary>The saved style, overridden field by field by the query string.</summary>
public sealed record QrCodeImageRequest
{
    public string Id { get; init; } = "";

    /// <summary>png, svg, pdf, eps, jpg (or jpeg), webp.</summary>
    public string Format { get; init; } = "";

    [QueryParam] public int? Size { get; init; }
    [QueryParam] public int? Margin { get; init; }
    [QueryParam] public int? Dpi { get; init; }
    [QueryParam] public string? Ecc { get; init; }
    [QueryParam] public string? Fg { get; init; }
    [QueryParam] public string? Bg { get; init; }
    [QueryParam] public ModuleShape? Modules { get; init; }
    [QueryParam] public EyeShape? Eyes { get; init; }

    public QrCodeStyle Overrides() => new()
    {
        Size = Size,
        QuietZone = Margin,
        Dpi = Dpi,
        ErrorCorrection = Ecc,
        Foreground = Fg,
        Background = Bg,
        Modules = Modules,
        Eyes = Eyes,
    };
}

internal sealed class QrCodeImageValidator : Validator<QrCodeImageRequest>
{
    public QrCodeImageValidator() =>
        RuleFor(r => r.Format).Must(f => ImageFormats.TryParse(f, out _)).WithErrorCode("qr.unsupported_format")
            .WithMessage(QrCodeMessages.FormatUnsupported);
}
