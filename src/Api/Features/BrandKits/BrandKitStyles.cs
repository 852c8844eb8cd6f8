using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.BrandKits;

/// <summary>
/// Applies a brand kit: the kit's style with the request's own style fields on top, so a request can take a kit and
/// change one colour. The kit's style is copied into what is rendered or saved; changing the kit later does not
/// change codes already made with it (a printed code's download must not change under it).
/// </summary>
internal sealed class BrandKitStyles(QrAspireDbContext db)
{
    /// <summary>The field a request names its kit in.</summary>
    public const string Field = "brandKitId";

    /// <summary>
    /// <paramref name="style"/> on top of the kit <paramref name="kitId"/> of <paramref name="account"/>; unchanged without a
    /// kit; a problem naming <see cref="Field"/> for a kit that is not the account's, or for an anonymous caller.
    /// </summary>
    public async Task<(QrCodeStyle? Style, Problem? Problem)> ApplyAsync(string? kitId, QrCodeStyle? style, string? account, CancellationToken ct)
    {
        if (kitId is null)
        {
            return (style, null);
        }

        if (account is null)
        {
            return (null, Problems.Field(Field, "Brand kits belong to an account: sign in or send an API key to use one.", "brand_kit_anonymous"));
        }

        var stored = await db.BrandKits.AsNoTracking().Where(k => k.Id == kitId && k.WorkspaceId == account).Select(k => k.Style).FirstOrDefaultAsync(ct);
        return stored is null
            ? (null, Problems.Field(Field, "No such brand kit on your account.", "brand_kit_not_found"))
            : (StyleOf(stored).With(style), null);
    }

    public static QrCodeStyle StyleOf(string stored) => JsonSerializer.Deserialize<QrCodeStyle>(stored, QrCodeJson.Options) ?? new QrCodeStyle();

    public static BrandKitResponse ToResponse(BrandKit kit) => new(kit.Id, kit.Name, StyleOf(kit.Style), kit.CreatedAt, kit.UpdatedAt);
}
