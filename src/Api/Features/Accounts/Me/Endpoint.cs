using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Accounts.Me;

internal sealed class MeEndpoint(QrAspireDbContext db) : EndpointWithoutRequest<AccountResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Me);
        // The account itself (its e-mail address) is no key's business: a leaked key must not tell whose it is.
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "The signed-in account";
            s.Responses[200] = "The account the access token belongs to.";
            s.Responses[401] = "No valid token.";
            s.Responses[403] = "An API key: keys never see the account.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = User.AccountId();
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AccountResponse(a.Id, a.Email, a.EmailVerifiedAt != null, a.CreatedAt))
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            await Send.ResultAsync(Problems.Unauthorized("The account no longer exists.").ToResult());
            return;
        }

        await Send.OkAsync(account, ct);
    }
}
