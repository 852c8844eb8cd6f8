using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Rendering;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrEngine.Payloads;

namespace QrAspire.Api.Features.QrCodes.Create;

internal sealed class CreateQrCodeEndpoint(QrAspireDbContext db, RedirectLinks links, RedirectInvalidator invalidator, TimeProvider clock)
    : Endpoint<CreateQrCodeRequest, QrCodeResponse>
{
    private const int GeneratedShortCodeLength = 8;

    public override void Configure()
    {
        Post("qr-codes");
        Policies(ApiScopes.CodesWrite);
        Summary(s =>
        {
            s.Summary = "Create a QR code";
            s.Description = "Static: the content is encoded directly. Dynamic: the code encodes shortUrl, which redirects to destination (changeable later).";
            s.ExampleRequest = new CreateQrCodeRequest
            {
                Name = "Spring poster",
                Type = "dynamic",
                Destination = "https://example.com/spring?utm_source=poster",
                Tags = ["spring", "print"],
                Style = new QrCodeStyle { Foreground = "#1a237e", Modules = QrEngine.Styling.ModuleShape.Rounded },
            };
            s.Responses[201] = "The code, with its ETag.";
            s.Responses[400] = "A field is invalid (problem+json with errors).";
            s.Responses[409] = "The custom short code is taken (short codes are never reused, even after deletion).";
        });
    }

    public override async Task HandleAsync(CreateQrCodeRequest request, CancellationToken ct)
    {
        var owner = User.AccountId();
        var dynamic = request.Type == "dynamic";
        var content = request.Content;
        if (!dynamic && QrImages.Validate(content!.ToPayload(), request.Style) is { } contentProblem)
        {
            await contentProblem.WriteAsync(HttpContext);
            return;
        }

        if (request.Style?.LogoId is { } logoId && !await db.Logos.AnyAsync(l => l.Id == logoId && l.AccountId == owner, ct))
        {
            await Problems.Field("style.logoId", "No such logo on your account.", "logo_not_found").WriteAsync(HttpContext);
            return;
        }

        if (dynamic && QrImages.Validate(new UrlPayload(links.For(request.ShortCode ?? "x")), request.Style) is { } styleProblem)
        {
            await styleProblem.WriteAsync(HttpContext);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (tags, _) = QrCodeRules.NormalizeTags(request.Tags);
        for (var attempt = 0; ; attempt++)
        {
            var code = new QrCode
            {
                Id = Ids.New("qr"),
                OwnerId = owner,
                Name = request.Name.Trim(),
                Kind = dynamic ? QrCodeKind.Dynamic : QrCodeKind.Static,
                ShortCode = dynamic ? request.ShortCode ?? Base62.Random(GeneratedShortCodeLength) : null,
                Destination = dynamic ? request.Destination : null,
                Payload = QrCodeMapping.Serialize(content),
                Style = QrCodeMapping.Serialize(request.Style),
                RedirectStatus = request.RedirectStatus ?? 302,
                Status = request.Status == "paused" ? QrCodeStatus.Paused : QrCodeStatus.Active,
                ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            foreach (var tag in tags)
            {
                code.Tags.Add(new QrCodeTag { QrCodeId = code.Id, Tag = tag });
            }

            db.QrCodes.Add(code);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException exception) when (QrCodeStore.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                if (request.ShortCode is not null)
                {
                    await Problems.Conflict($"The short code '{request.ShortCode}' is taken; short codes are never reused.").WriteAsync(HttpContext);
                    return;
                }

                if (attempt < 5)
                {
                    continue; // 62^8 codes: a clash is rare; draw again.
                }

                throw;
            }

            if (code.ShortCode is not null)
            {
                // The code may be cached as unknown (404) by a redirector that was asked for it before.
                await invalidator.PublishAsync(code.ShortCode);
            }

            HttpContext.Response.Headers.ETag = code.ETag();
            HttpContext.Response.Headers.Location = $"/api/v1/qr-codes/{code.Id}";
            await Send.ResponseAsync(code.ToResponse(links), 201, ct);
            return;
        }
    }
}
