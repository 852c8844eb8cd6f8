using FastEndpoints;
using FluentValidation;
using QrAspire.Api.Features.QrCodes.Image;

namespace QrAspire.Api.Features.Rendering.Render;

public sealed record RenderRequest
{
    public QrContent? Content { get; init; }
    public QrCodeStyle? Style { get; init; }

    /// <summary>png (default), svg, pdf, eps, jpg, webp.</summary>
    public string Format { get; init; } = "png";
}

internal sealed class RenderValidator : Validator<RenderRequest>
{
    public RenderValidator()
    {
        RuleFor(r => r.Content).NotNull().WithErrorCode("content_required").WithMessage("Give the content to encode.");
        RuleFor(r => r.Format).Must(f => ImageFormats.TryParse(f, out _)).WithErrorCode("qr.unsupported_format")
            .WithMessage("Use png, svg, pdf, eps, jpg or webp.");
    }
}
