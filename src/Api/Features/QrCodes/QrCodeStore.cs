using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.QrCodes;

/// <summary>Reads of one owner's live (not deleted) codes, and the owner's code about to be changed.</summary>
internal static class QrCodeStore
{
    public static Task<QrCode?> FindOwnedAsync(this QrAspireDbContext db, string id, string ownerId, CancellationToken cancellationToken) =>
        db.QrCodes.Include(c => c.Tags).Include(c => c.Domain).FirstOrDefaultAsync(c => c.Id == id && c.WorkspaceId == ownerId && c.DeletedAt == null, cancellationToken);

    /// <summary>
    /// The owner's live code about to be changed, or the problem to answer with: 404 when it is not theirs (or gone),
    /// 412 when <c>If-Match</c> names another version. Without <c>If-Match</c> the change applies to whatever is current.
    /// </summary>
    public static async Task<(QrCode? Code, Problem? Problem)> FindForChangeAsync(
        this QrAspireDbContext db, string id, string ownerId, HttpRequest request, CancellationToken cancellationToken)
    {
        var code = await db.FindOwnedAsync(id, ownerId, cancellationToken);
        if (code is null)
        {
            return (null, Problems.NotFound("No such QR code."));
        }

        var ifMatch = request.Headers.IfMatch;
        return ifMatch.Count > 0 && !ifMatch.Contains("*") && !ifMatch.Contains(code.ETag())
            ? (null, Problems.PreconditionFailed())
            : (code, null);
    }
}
