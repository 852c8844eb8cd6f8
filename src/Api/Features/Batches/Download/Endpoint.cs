using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Batches.Get;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Storage;

namespace QrAspire.Api.Features.Batches.Download;

internal sealed class DownloadBatchEndpoint(QrAspireDbContext db, IBlobStore blobs) : Endpoint<GetBatchRequest>
{
    public override void Configure()
    {
        Get(ApiRoutes.BatchDownload);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Download a batch's ZIP";
            s.Description = "application/zip: one image per created code and manifest.csv (line, name, id, type, short_url, file, error).";
            s.Responses[200] = "The ZIP, streamed; Range requests are answered when storage is a local folder.";
            s.Responses[404] = "No such batch on your account.";
            s.Responses[409] = "The batch has not completed (yet, or it failed).";
        });
    }

    public override async Task HandleAsync(GetBatchRequest request, CancellationToken ct)
    {
        var batch = await db.FindOwnedBatchAsync(request.Id, User.WorkspaceId(), ct);
        if (batch is null)
        {
            await Send.ResultAsync(Problems.NotFound("No such batch.").ToResult());
            return;
        }

        if (batch.Status != BatchStatus.Completed || batch.BlobKey is null)
        {
            await Send.ResultAsync(Problems.Conflict($"The batch is {BatchMapping.StatusName(batch.Status)}; the ZIP is ready once it has completed.").ToResult());
            return;
        }

        var zip = await blobs.OpenReadAsync(batch.BlobKey, ct);
        if (zip is null)
        {
            await Send.ResultAsync(Problems.NotFound("The batch's ZIP is no longer in storage.").ToResult());
            return;
        }

        // Streamed from storage as it is read: the Api never holds the ZIP. A local file can seek, so Range works on it.
        if (!zip.Content.CanSeek)
        {
            HttpContext.Response.ContentLength = zip.Length;
        }

        await Send.ResultAsync(Results.Stream(zip.Content, "application/zip", $"{batch.Id}.zip", enableRangeProcessing: zip.Content.CanSeek));
    }
}
