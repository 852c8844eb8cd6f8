using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.Register;

internal sealed class RegisterValidator : Validator<RegisterRequest>
{
    public RegisterValidator()
    {
        RuleFor(r => r.Email).Must(Emails.LooksValid).WithErrorCode("email_invalid").WithMessage("Give a valid e-mail address.");
        RuleFor(r => r.Password).NotEmpty().WithErrorCode("password_required")
            .Length(10, 128).WithErrorCode("password_length").WithMessage("Use 10 to 128 characters.");
    }
}
