using System.Text.Json;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.QrCodes;

/// <summary>Queues a <c>qr_code.*</c> webhook event in the change's own unit of work (see <see cref="WebhookOutbox"/>).</summary>
internal static class QrCodeEvents
{
    /// <summary>The code's owner is its workspace (the personal workspace has the account's id); the payload is the code as the Api shows it.</summary>
    public static Task QueueAsync(QrAspireDbContext db, QrCode code, string type, RedirectLinks links, DateTime now, CancellationToken ct) =>
        WebhookOutbox.AddAsync(db, code.WorkspaceId, type, () => JsonSerializer.Serialize(code.ToResponse(links), ContractsJsonContext.Default.QrCodeResponse), now, ct);
}
