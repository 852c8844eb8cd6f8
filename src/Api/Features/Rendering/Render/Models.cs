using FastEndpoints;
using FluentValidation;
using QrAspire.Api.Features.QrCodes.Image;

namespace QrAspire.Api.Features.Rendering.Render;

internal sealed class RenderValidator : Validator<RenderRequest>
{
    public RenderValidator()
    {
        RuleFor(r => r.Content).NotNull().WithErrorCode("content_required").WithMessage("Give the content to encode.");
        RuleFor(r => r.Format).Must(f => ImageFormats.TryParse(f, out _)).WithErrorCode("qr.unsupported_format")
            .WithMessage(QrCodeMessages.FormatUnsupported);
    }
}
