using FastEndpoints;
using FluentValidation;
using QrAspire.Data.Model;
using QrAspire.Platform.Protection;

namespace QrAspire.Api.Features.QrCodes.Create;

internal static class CreateQrCodeMapping
{
    /// <summary>The code to create, once <see cref="CreateQrCodeValidator"/> has passed.</summary>
    public static NewQrCode ToNewQrCode(this CreateQrCodeRequest request) => new()
    {
        Name = request.Name.Trim(),
        Kind = IsDynamic(request) ? QrCodeKind.Dynamic : QrCodeKind.Static,
        Content = IsDynamic(request) ? null : request.Content,
        Destination = IsDynamic(request) ? request.Destination : null,
        ShortCode = IsDynamic(request) ? request.ShortCode : null,
        DomainId = IsDynamic(request) ? request.DomainId : null,
        RedirectStatus = request.RedirectStatus ?? 302,
        Paused = WireNames.Is(request.Status, QrCodeState.Paused),
        ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        Tags = QrCodeRules.NormalizeTags(request.Tags).Tags,
        Style = request.Style,
        Routing = IsDynamic(request) ? request.Routing : null,
        Password = IsDynamic(request) ? request.Password : null,
    };

    public static bool IsDynamic(this CreateQrCodeRequest request) => WireNames.Is(request.Type, QrCodeType.Dynamic);
}

internal sealed class CreateQrCodeValidator : Validator<CreateQrCodeRequest>
{
    public CreateQrCodeValidator()
    {
        RuleFor(r => r.Name).Must(QrCodeRules.IsValidName).WithErrorCode("name_invalid").WithMessage(QrCodeMessages.NameInvalid);
        RuleFor(r => r.Type).Must(t => WireNames.TryParse<QrCodeType>(t, out _)).WithErrorCode("type_invalid").WithMessage(QrCodeMessages.TypeInvalid);
        When(r => WireNames.Is(r.Type, QrCodeType.Static), () =>
        {
            RuleFor(r => r.Content).NotNull().WithErrorCode("content_required").WithMessage("A static code needs content.");
            RuleFor(r => r.Destination).Null().WithErrorCode("destination_not_allowed").WithMessage("Only dynamic codes have a destination.");
            RuleFor(r => r.ShortCode).Null().WithErrorCode("short_code_not_allowed").WithMessage("Only dynamic codes have a short code.");
            RuleFor(r => r.DomainId).Null().WithErrorCode("domain_not_allowed").WithMessage("Only dynamic codes live on a branded domain.");
            RuleFor(r => r.RedirectStatus).Null().WithErrorCode("redirect_status_not_allowed").WithMessage(QrCodeMessages.RedirectStatusNotAllowed);
            RuleFor(r => r.Routing).Null().WithErrorCode("routing_not_allowed").WithMessage(QrCodeMessages.RedirectStatusNotAllowed);
            RuleFor(r => r.Password).Null().WithErrorCode("password_not_allowed").WithMessage(QrCodeMessages.RedirectStatusNotAllowed);
        });
        When(r => WireNames.Is(r.Type, QrCodeType.Dynamic), () =>
        {
            RuleFor(r => r.Content).Null().WithErrorCode("content_not_allowed").WithMessage("A dynamic code encodes its short link; set destination instead.");
            RuleFor(r => r.Destination).Must(d => QrCodeRules.DestinationProblem(d) is null).WithErrorCode("destination_invalid")
                .WithMessage(r => QrCodeRules.DestinationProblem(r.Destination) ?? "");
            RuleFor(r => r.ShortCode).Must(c => c is null || QrCodeRules.ShortCodeProblem(c) is null).WithErrorCode("short_code_invalid")
                .WithMessage(r => r.ShortCode is null ? "" : QrCodeRules.ShortCodeProblem(r.ShortCode) ?? "");
            RuleFor(r => r.Routing).RoutingIsValid();
            RuleFor(r => r.Password).Must(p => p is null || CodePassword.Problem(p) is null).WithErrorCode("password_invalid")
                .WithMessage(r => CodePassword.Problem(r.Password) ?? "");
        });
        RuleFor(r => r.RedirectStatus).Must(s => s is null || QrCodeRules.RedirectStatuses.Contains(s.Value)).WithErrorCode("redirect_status_invalid")
            .WithMessage(QrCodeMessages.RedirectStatusInvalid);
        RuleFor(r => r.Status).Must(s => s is null || WireNames.TryParse<QrCodeState>(s, out _)).WithErrorCode("status_invalid").WithMessage(QrCodeMessages.StatusInvalid);
        RuleFor(r => r.ExpiresAt).Must(e => e is null || e.Value.ToUniversalTime() > DateTime.UtcNow).WithErrorCode("expires_at_past")
            .WithMessage(QrCodeMessages.ExpiresAtPast);
        RuleFor(r => r.Tags).Must(t => QrCodeRules.NormalizeTags(t).Problem is null).WithErrorCode("tags_invalid")
            .WithMessage(r => QrCodeRules.NormalizeTags(r.Tags).Problem ?? "");
    }
}
