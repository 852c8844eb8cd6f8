using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Batches.Get;

internal sealed class GetBatchEndpoint(QrAspireDbContext db) : Endpoint<GetBatchRequest, BatchResponse>
{
    public override void Configure()
    {
        Get(ApiRoutes.Batch);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Get a batch's status and progress";
            s.Description = "rowsDone and rowsFailed count the rows processed so far out of totalRows; downloadUrl appears once completed.";
            s.Responses[200] = "The batch.";
            s.Responses[404] = "No such batch on your account.";
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

        await Send.OkAsync(batch.ToResponse(), ct);
    }
}
