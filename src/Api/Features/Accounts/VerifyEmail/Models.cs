using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.VerifyEmail;

internal sealed class VerifyEmailValidator : Validator<VerifyEmailRequest>
{
    public VerifyEmailValidator() => RuleFor(r => r.Token).NotEmpty().WithErrorCode("token_required").MaximumLength(200);
}
