using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.PasswordResetConfirm;

internal sealed class PasswordResetConfirmValidator : Validator<PasswordResetConfirmRequest>
{
    public PasswordResetConfirmValidator()
    {
        RuleFor(r => r.Token).NotEmpty().WithErrorCode("token_required").MaximumLength(200);
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("password_required")
            .Length(10, 128).WithErrorCode("password_length").WithMessage("Use 10 to 128 characters.");
    }
}
