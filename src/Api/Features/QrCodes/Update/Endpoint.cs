using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.BrandKits;
using QrAspire.Api.Features.Rendering;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Protection;
using QrAspire.Platform.Redirects;

namespace QrAspire.Api.Features.QrCodes.Update;

internal sealed class UpdateQrCodeEndpoint(QrAspireDbContext db, RedirectLinks links, RedirectInvalidator invalidator, BrandKitStyles kits, AuditTrail audit, TimeProvider clock)
    : Endpoint<UpdateQrCodeRequest, QrCodeResponse>
{
    public override void Configure()
    {
        Patch(ApiRoutes.QrCode);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Change a QR code";
            s.Description = "For a dynamic code, a new destination, status or expiry is served by every redirector within a second.";
            s.ExampleRequest = new UpdateQrCodeRequest { Destination = "https://example.com/summer", Status = WireNames.Of(QrCodeState.Active) };
            s.Responses[200] = "The changed code with its new ETag.";
            s.Responses[400] = "A field is invalid, or does not apply to this type of code.";
            s.Responses[404] = "No such code on your account.";
            s.Responses[412] = "If-Match does not match: someone changed it meanwhile.";
        });
    }

    public override async Task HandleAsync(UpdateQrCodeRequest request, CancellationToken ct)
    {
        var (kitStyle, kitProblem) = await kits.ApplyAsync(request.BrandKitId, request.Style, User.WorkspaceId(), ct);
        if (kitProblem is not null)
        {
            await Send.ResultAsync(kitProblem.ToResult());
            return;
        }

        request = request with { Style = kitStyle };
        var (code, notChangeable) = await db.FindForChangeAsync(request.Id, User.WorkspaceId(), HttpContext.Request, ct);
        if (code is null)
        {
            await Send.ResultAsync(notChangeable!.ToResult());
            return;
        }

        if (ApplyProblem(code, request) is { } problem)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var redirectChanged = code.Kind == QrCodeKind.Dynamic
            && (request.Destination is not null || request.Routing is not null || request.RedirectStatus is not null || request.Status is not null || request.ExpiresAt is not null || request.RemoveExpiry == true
                || request.Password is not null || request.RemovePassword == true);
        code.Version++;
        code.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Changed(code, AuditActions.QrCodeUpdated, AuditTargets.QrCode, code.Id);
        await QrCodeEvents.QueueAsync(db, code, WebhookEventTypes.QrCodeUpdated, links, code.UpdatedAt, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: their change wins, this one must be retried on top of it.
            await Send.ResultAsync(Problems.PreconditionFailed().ToResult());
            return;
        }

        if (redirectChanged)
        {
            await invalidator.PublishAsync(RedirectInvalidation.KeyOf(code.DomainId, code.ShortCode!));
        }

        HttpContext.Response.Headers.ETag = code.ETag();
        await Send.OkAsync(code.ToResponse(links), ct);
    }

    private Problem? ApplyProblem(QrCode code, UpdateQrCodeRequest request)
    {
        var dynamic = code.Kind == QrCodeKind.Dynamic;
        if (dynamic && request.Content is not null)
        {
            return Problems.Field("content", "A dynamic code encodes its short link; change destination instead.", "content_not_allowed");
        }

        if (!dynamic && (request.Destination is not null || request.RedirectStatus is not null || request.Routing is not null || request.Password is not null || request.RemovePassword == true))
        {
            var field = request.Destination is not null ? "destination" : request.Routing is not null ? "routing"
                : request.Password is not null ? "password" : request.RemovePassword == true ? "removePassword" : "redirectStatus";
            return Problems.Field(field, QrCodeMessages.RedirectStatusNotAllowed, "not_dynamic");
        }

        var style = request.Style ?? QrCodeJson.StyleOf(code);
        if (request.Content is not null && QrCodeChecks.Check(request.Content.ToEngine(), style) is { } contentProblem)
        {
            return QrImages.ToProblem(contentProblem);
        }

        if (request.Style is not null && QrCodeChecks.Check(new QrEngine.Contents.TextQrContent("style check"), request.Style) is { } styleProblem)
        {
            return QrImages.ToProblem(styleProblem);
        }

        if (request.Style?.LogoId is { } logoId && !db.Logos.Any(l => l.Id == logoId && l.WorkspaceId == code.WorkspaceId))
        {
            return Problems.Field("style.logoId", QrCodeMessages.LogoNotFound, "logo_not_found");
        }

        code.Name = request.Name?.Trim() ?? code.Name;
        code.Payload = request.Content is null ? code.Payload : QrCodeJson.Serialize(request.Content);
        code.Destination = request.Destination ?? code.Destination;
        code.RedirectStatus = request.RedirectStatus ?? code.RedirectStatus;
        code.Status = WireNames.TryParse<QrCodeState>(request.Status, out var state) ? state.ToStatus() : code.Status;
        code.ExpiresAt = request.RemoveExpiry == true ? null : request.ExpiresAt?.ToUniversalTime() ?? code.ExpiresAt;
        code.Style = request.Style is null ? code.Style : QrCodeJson.Serialize(request.Style);
        code.Routing = request.Routing is null ? code.Routing : QrCodeJson.Serialize(request.Routing);
        code.PasswordHash = request.RemovePassword == true ? null : request.Password is { } password ? CodePassword.Hash(password) : code.PasswordHash;
        if (request.Tags is not null)
        {
            code.Tags.Clear();
            foreach (var tag in QrCodeRules.NormalizeTags(request.Tags).Tags)
            {
                code.Tags.Add(new QrCodeTag { QrCodeId = code.Id, Tag = tag });
            }
        }

        return null;
    }
}
