using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Rendering;
using QrAspire.Data;

namespace QrAspire.Api.Features.BrandKits;

/// <summary>What a kit's name and style must be, checked on create and change.</summary>
internal static class BrandKitChecks
{
    public const string NameInvalid = "Give a name of 1 to 200 characters, without control characters.";

    /// <summary>The problem with a kit's name or style, or null: a valid name, a style the engine accepts, a logo the account owns.</summary>
    public static async Task<Problem?> CheckAsync(QrAspireDbContext db, string account, string? name, QrCodeStyle? style, CancellationToken ct)
    {
        if (name is not null && !QrCodeRules.IsValidName(name))
        {
            return Problems.Field("name", NameInvalid, "name_invalid");
        }

        if (style is null)
        {
            return null;
        }

        if (QrCodeChecks.CheckStyle(style) is { } problem)
        {
            return QrImages.ToProblem(problem);
        }

        return style.LogoId is { } logoId && !await db.Logos.AnyAsync(l => l.Id == logoId && l.WorkspaceId == account, ct)
            ? Problems.Field("style.logoId", QrCodeMessages.LogoNotFound, "logo_not_found")
            : null;
    }

    public static Problem NameTaken(string name) => Problems.Conflict($"You already have a brand kit named '{name}'.");
}
