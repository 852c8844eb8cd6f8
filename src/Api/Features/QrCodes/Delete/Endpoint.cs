using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Platform.Redirects;

namespace QrAspire.Api.Features.QrCodes.Delete;

internal sealed class DeleteQrCodeEndpoint(QrAspireDbContext db, RedirectLinks links, RedirectInvalidator invalidator, AuditTrail audit, TimeProvider clock) : Endpoint<DeleteQrCodeRequest>
{
    public override void Configure()
    {
        Delete(ApiRoutes.QrCode);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Delete a QR code";
            s.Description = "A deleted dynamic code's short link answers 410 Gone from then on; its short code is never handed out again.";
            s.Responses[204] = "Deleted.";
            s.Responses[404] = "No such code on your account.";
            s.Responses[412] = "If-Match does not match.";
        });
    }

    public override async Task HandleAsync(DeleteQrCodeRequest request, CancellationToken ct)
    {
        var (code, notChangeable) = await db.FindForChangeAsync(request.Id, User.WorkspaceId(), HttpContext.Request, ct);
        if (code is null)
        {
            await Send.ResultAsync(notChangeable!.ToResult());
            return;
        }

        code.DeletedAt = clock.GetUtcNow().UtcDateTime;
        code.UpdatedAt = code.DeletedAt.Value;
        code.Version++;
        audit.Removed(code, AuditActions.QrCodeDeleted, AuditTargets.QrCode, code.Id);
        await QrCodeEvents.QueueAsync(db, code, WebhookEventTypes.QrCodeDeleted, links, code.UpdatedAt, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await Send.ResultAsync(Problems.PreconditionFailed().ToResult());
            return;
        }

        if (code.ShortCode is not null)
        {
            await invalidator.PublishAsync(RedirectInvalidation.KeyOf(code.DomainId, code.ShortCode));
        }

        await Send.NoContentAsync(ct);
    }
}
