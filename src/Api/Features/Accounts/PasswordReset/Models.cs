using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.PasswordReset;

internal sealed class PasswordResetValidator : Validator<PasswordResetRequest>
{
    public PasswordResetValidator() => RuleFor(r => r.Email).NotEmpty().WithErrorCode("email_required").MaximumLength(320);
}
