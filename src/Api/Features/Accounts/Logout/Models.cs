using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.Logout;

internal sealed class LogoutValidator : Validator<LogoutRequest>
{
    public LogoutValidator() => RuleFor(r => r.RefreshToken).NotEmpty().WithErrorCode("refresh_token_required").MaximumLength(200);
}
