using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.BrandKits;
using QrAspire.Api.Features.Domains;
using QrAspire.Api.Features.Quotas;
using QrAspire.Api.Features.Rendering;
using QrAspire.Data;
using QrAspire.Platform.Redirects;

namespace QrAspire.Api.Features.QrCodes.Create;

internal sealed class CreateQrCodeEndpoint(QrAspireDbContext db, RedirectLinks links, RedirectInvalidator invalidator, AccountQuotas quotas, BrandKitStyles kits, AuditTrail audit, TimeProvider clock)
    : Endpoint<CreateQrCodeRequest, QrCodeResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.QrCodes);
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Create a QR code";
            s.Description = "Static: the content is encoded directly. Dynamic: the code encodes shortUrl, which redirects to destination (changeable later).";
            s.ExampleRequest = new CreateQrCodeRequest
            {
                Name = "Spring poster",
                Type = WireNames.Of(QrCodeType.Dynamic),
                Destination = "https://example.com/spring?utm_source=poster",
                Tags = ["spring", "print"],
                Style = new QrCodeStyle { Foreground = "#1a237e", Modules = ModuleShape.Rounded },
            };
            s.Responses[201] = "The code, with its ETag.";
            s.Responses[400] = "A field is invalid (problem+json with errors).";
            s.Responses[403] = "The account holds as many codes as its quota allows (quota-exceeded).";
            s.Responses[409] = "The custom short code is taken on its domain (short codes are never reused, even after deletion).";
        });
    }

    public override async Task HandleAsync(CreateQrCodeRequest request, CancellationToken ct)
    {
        var owner = User.WorkspaceId();
        var (kitStyle, kitProblem) = await kits.ApplyAsync(request.BrandKitId, request.Style, owner, ct);
        if (kitProblem is not null)
        {
            await Send.ResultAsync(kitProblem.ToResult());
            return;
        }

        request = request with { Style = kitStyle };
        var domain = request.DomainId is { } domainId && request.IsDynamic() ? await VerifiedDomains.FindAsync(db, domainId, owner, ct) : null;
        if (request.DomainId is not null && request.IsDynamic() && domain is null)
        {
            await Send.ResultAsync(VerifiedDomains.NotUsable().ToResult());
            return;
        }

        var newCode = request.ToNewQrCode() with { DomainName = domain?.Name };
        var encodable = QrCodeChecks.Check(QrCodeContents.Of(newCode, links), newCode.Style);
        if (!request.IsDynamic() && encodable is { } contentProblem)
        {
            await Send.ResultAsync(QrImages.ToProblem(contentProblem).ToResult());
            return;
        }

        if (request.Style?.LogoId is { } logoId && !await db.Logos.AnyAsync(l => l.Id == logoId && l.WorkspaceId == owner, ct))
        {
            await Send.ResultAsync(Problems.Field("style.logoId", QrCodeMessages.LogoNotFound, "logo_not_found").ToResult());
            return;
        }

        if (request.IsDynamic() && encodable is { } styleProblem)
        {
            await Send.ResultAsync(QrImages.ToProblem(styleProblem).ToResult());
            return;
        }

        if (await quotas.CheckCodesAsync(owner, 1, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            if (domain is not null && db.Entry(domain).State == EntityState.Detached)
            {
                db.Domains.Attach(domain); // after a clash cleared the tracker: tracked, it fills in the new code's Domain
            }

            var code = newCode.ToEntity(owner, clock.GetUtcNow().UtcDateTime);
            db.QrCodes.Add(code);
            audit.Created(code, AuditActions.QrCodeCreated, AuditTargets.QrCode, code.Id);
            await QrCodeEvents.QueueAsync(db, code, WebhookEventTypes.QrCodeCreated, links, code.CreatedAt, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                if (request.ShortCode is not null)
                {
                    await Send.ResultAsync(Problems.Conflict($"The short code '{request.ShortCode}' is taken; short codes are never reused.").ToResult());
                    return;
                }

                if (attempt < 5)
                {
                    continue; // a generated short code clashed (rare): draw again.
                }

                throw;
            }

            if (code.ShortCode is not null)
            {
                // The code may be cached as unknown (404) by a redirector that was asked for it before.
                await invalidator.PublishAsync(RedirectInvalidation.KeyOf(code.DomainId, code.ShortCode));
            }

            HttpContext.Response.Headers.ETag = code.ETag();
            HttpContext.Response.Headers.Location = $"/api/v1/qr-codes/{code.Id}";
            await Send.ResponseAsync(code.ToResponse(links), 201, ct);
            return;
        }
    }
}
