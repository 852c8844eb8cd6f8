using FastEndpoints;
using QrAspire.Api.Auth;

namespace QrAspire.Api.Features.Accounts.Logout;

internal sealed class LogoutEndpoint(RefreshTokens refresh) : Endpoint<LogoutRequest>
{
    public override void Configure()
    {
        Post(ApiRoutes.Logout);
        AllowAnonymous();
        Summary(s =>
        {
            s.Summary = "Sign out";
            s.Description = "Revokes the refresh token and every token of its session. Access tokens already issued expire on their own (15 minutes).";
            s.Responses[204] = "Signed out (also when the token was already unknown).";
        });
    }

    public override async Task HandleAsync(LogoutRequest request, CancellationToken ct)
    {
        await refresh.RevokeAsync(request.RefreshToken, ct);
        await Send.NoContentAsync(ct);
    }
}
