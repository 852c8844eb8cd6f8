using System.Security.Cryptography;
using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Styling;
using QrAspire.Storage;

namespace QrAspire.Api.Features.Logos.Upload;

internal sealed class UploadLogoEndpoint(QrAspireDbContext db, IBlobStore blobs, AccountQuotas quotas, TimeProvider clock) : Endpoint<UploadLogoRequest, LogoResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.Logos);
        Policies(ApiScopes.CodesWrite);
        AllowFileUploads();
        Summary(s =>
        {
            s.Summary = "Upload a logo";
            s.Description = "multipart/form-data with one part named file: PNG, JPEG or WebP, at most 1 MiB and 2048 px a side. "
                + "The image is decoded to check it really is one. Use the returned id as style.logoId.";
            s.Responses[201] = "Stored.";
            s.Responses[400] = "Not a decodable PNG/JPEG/WebP, or too large in pixels.";
            s.Responses[403] = "The account holds as many logos, or logo bytes, as its quota allows (quota-exceeded).";
            s.Responses[413] = "Larger than the upload limit.";
        });
    }

    public override async Task HandleAsync(UploadLogoRequest request, CancellationToken ct)
    {
        if (request.File is not { Length: > 0 } file)
        {
            await Send.ResultAsync(Problems.Field("file", "Send the image as a multipart part named file.", "file_required").ToResult());
            return;
        }

        if (file.Length > QrLogo.MaxBytes)
        {
            await Send.ResultAsync(Problems.Field("file", $"At most {QrLogo.MaxBytes} bytes.", QrErrorCodes.LogoTooLarge).ToResult());
            return;
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        string mediaType;
        int width, height;
        try
        {
            using var logo = QrLogo.Load(bytes);
            (mediaType, width, height) = (logo.MediaType, logo.Width, logo.Height);
        }
        catch (QrEngineException error)
        {
            await Send.ResultAsync(Problems.Field("file", error.Message, error.Code).ToResult());
            return;
        }

        var owner = User.WorkspaceId();
        if (await quotas.CheckLogoAsync(owner, bytes.Length, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var id = Ids.New("logo");
        var key = $"logos/{owner}/{id}";
        await blobs.PutAsync(key, bytes, mediaType, ct);
        var stored = new Logo
        {
            Id = id,
            WorkspaceId = owner,
            ContentType = mediaType,
            Length = bytes.Length,
            Width = width,
            Height = height,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            BlobKey = key,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Logos.Add(stored);
        await db.SaveChangesAsync(ct);
        await Send.ResponseAsync(new LogoResponse(id, mediaType, stored.Length, width, height, stored.CreatedAt), 201, ct);
    }
}
