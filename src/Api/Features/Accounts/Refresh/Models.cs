using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Accounts.Refresh;

public sealed record RefreshRequest(string RefreshToken);

internal sealed class RefreshValidator : Validator<RefreshRequest>
{
    public RefreshValidator() => RuleFor(r => r.RefreshToken).NotEmpty().WithErrorCode("refresh_token_required").MaximumLength(200);
}
