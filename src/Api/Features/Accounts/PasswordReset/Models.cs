using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.PasswordReset;

public sealed record PasswordResetRequest(string Email);

internal sealed class PasswordResetValidator : Validator<PasswordResetRequest>
{
    public PasswordResetValidator() => RuleFor(r => r.Email).NotEmpty().WithErrorCode("email_required").MaximumLength(320);
}
