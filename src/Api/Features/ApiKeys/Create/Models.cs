using FastEndpoints;
using FluentValidation;
using QrAspire.Api.Auth;

namespace QrAspire.Api.Features.ApiKeys.Create;

internal sealed class CreateApiKeyValidator : Validator<CreateApiKeyRequest>
{
    public CreateApiKeyValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithErrorCode("name_required").MaximumLength(100).WithErrorCode("name_too_long")
            .Must(name => name is null || !name.Any(char.IsControl)).WithErrorCode("name_invalid").WithMessage("No control characters.");
        RuleFor(r => r.Scopes).NotEmpty().WithErrorCode("scopes_required").WithMessage($"Give one or more of: {string.Join(", ", ApiScopes.All)}.");
        RuleForEach(r => r.Scopes).Must(scope => ApiScopes.All.Contains(scope)).WithErrorCode("scope_unknown")
            .WithMessage($"Unknown scope; use {string.Join(", ", ApiScopes.All)}.");
    }
}
