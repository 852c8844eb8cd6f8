using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.Login;

internal sealed class LoginValidator : Validator<LoginRequest>
{
    public LoginValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithErrorCode("email_required").MaximumLength(320);
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("password_required").MaximumLength(128);
    }
}
