using FastEndpoints;
using FluentValidation;
using QrAspire.Platform.Protection;

namespace QrAspire.Api.Features.QrCodes.Update;

internal sealed class UpdateQrCodeValidator : Validator<UpdateQrCodeRequest>
{
    public UpdateQrCodeValidator()
    {
        RuleFor(r => r.Name).Must(n => n is null || QrCodeRules.IsValidName(n)).WithErrorCode("name_invalid")
            .WithMessage(QrCodeMessages.NameInvalid);
        RuleFor(r => r.Destination).Must(d => d is null || QrCodeRules.DestinationProblem(d) is null).WithErrorCode("destination_invalid")
            .WithMessage(r => QrCodeRules.DestinationProblem(r.Destination) ?? "");
        RuleFor(r => r.RedirectStatus).Must(s => s is null || QrCodeRules.RedirectStatuses.Contains(s.Value)).WithErrorCode("redirect_status_invalid")
            .WithMessage(QrCodeMessages.RedirectStatusInvalid);
        RuleFor(r => r.Status).Must(s => s is null || WireNames.TryParse<QrCodeState>(s, out _)).WithErrorCode("status_invalid").WithMessage(QrCodeMessages.StatusInvalid);
        RuleFor(r => r.ExpiresAt).Must(e => e is null || e.Value.ToUniversalTime() > DateTime.UtcNow).WithErrorCode("expires_at_past")
            .WithMessage(QrCodeMessages.ExpiresAtPast);
        RuleFor(r => r.RemoveExpiry).Must((r, remove) => remove != true || r.ExpiresAt is null).WithErrorCode("expiry_conflict")
            .WithMessage("Either set expiresAt or remove the expiry, not both.");
        RuleFor(r => r.Tags).Must(t => QrCodeRules.NormalizeTags(t).Problem is null).WithErrorCode("tags_invalid")
            .WithMessage(r => QrCodeRules.NormalizeTags(r.Tags).Problem ?? "");
        RuleFor(r => r.Routing).RoutingIsValid();
        RuleFor(r => r.Password).Must(p => p is null || CodePassword.Problem(p) is null).WithErrorCode("password_invalid")
            .WithMessage(r => CodePassword.Problem(r.Password) ?? "");
        RuleFor(r => r.RemovePassword).Must((r, remove) => remove != true || r.Password is null).WithErrorCode("password_conflict")
            .WithMessage("Either set password or remove it, not both.");
    }
}
