using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.Refresh;

internal sealed class RefreshValidator : Validator<RefreshRequest>
{
    public RefreshValidator() => RuleFor(r => r.RefreshToken).NotEmpty().WithErrorCode("refresh_token_required").MaximumLength(200);
}
