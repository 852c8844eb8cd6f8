using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.VerifyEmail;

public sealed record VerifyEmailRequest(string Token);

internal sealed class VerifyEmailValidator : Validator<VerifyEmailRequest>
{
    public VerifyEmailValidator() => RuleFor(r => r.Token).NotEmpty().WithErrorCode("token_required").MaximumLength(200);
}
