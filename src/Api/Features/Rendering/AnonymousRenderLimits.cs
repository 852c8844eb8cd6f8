using System.Globalization;
using System.Security.Claims;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.QrCodes.Image;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Styling;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Features.Rendering;

/// <summary>
/// What an anonymous <c>POST /api/v1/render</c> may ask for (docs/configuration.md): at most
/// <c>RENDER_ANONYMOUS_MAX_SIZE</c> pixels (default 1,024) in one of <c>RENDER_ANONYMOUS_FORMATS</c> (default png, svg).
/// Anyone can send anonymous requests from many addresses, so they get the cheap renders; signed-in callers and API
/// keys keep the full range, and their renders are still admitted by the render budget.
/// </summary>
internal sealed record AnonymousRenderLimits(int MaxSize, IReadOnlySet<QrFormat> Formats)
{
    public const int DefaultMaxSize = 1024;

    public static AnonymousRenderLimits From(IConfiguration configuration)
    {
        var sizeText = configuration["RENDER_ANONYMOUS_MAX_SIZE"];
        var maxSize = DefaultMaxSize;
        if (!string.IsNullOrWhiteSpace(sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out maxSize) || maxSize is < QrStyle.MinSize or > QrStyle.MaxSize))
        {
            throw new SettingsException("RENDER_ANONYMOUS_MAX_SIZE", $"must be a whole number of pixels from {QrStyle.MinSize} to {QrStyle.MaxSize}, got '{sizeText}'");
        }

        var formatsText = configuration["RENDER_ANONYMOUS_FORMATS"];
        var formats = new HashSet<QrFormat> { QrFormat.Png, QrFormat.Svg };
        if (!string.IsNullOrWhiteSpace(formatsText))
        {
            formats.Clear();
            foreach (var name in formatsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ImageFormats.TryParse(name, out var format))
                {
                    throw new SettingsException("RENDER_ANONYMOUS_FORMATS", $"must list formats from png, svg, pdf, eps, jpeg, webp separated by commas, got '{formatsText}'");
                }

                formats.Add(format);
            }

            if (formats.Count == 0)
            {
                throw new SettingsException("RENDER_ANONYMOUS_FORMATS", "must name at least one format");
            }
        }

        return new AnonymousRenderLimits(maxSize, formats);
    }

    /// <summary>
    /// Who renders on an endpoint open to anyone, where no policy can guard it: the caller's account (null when
    /// anonymous, then held to these limits), or the problem that refuses the render — an API key renders with its
    /// account's logos and budget only with the codes:read scope.
    /// </summary>
    public (string? Account, Problem? Refused) Admit(ClaimsPrincipal user, QrCodeStyle style, QrFormat format)
    {
        if (user.IsApiKey() && !user.HasScope(ApiScopes.CodesRead))
        {
            return (null, Problems.Forbidden($"This API key lacks the {ApiScopes.CodesRead} scope."));
        }

        return user.Identity?.IsAuthenticated == true ? (user.WorkspaceId(), null) : (null, Check(style, format));
    }

    /// <summary>The problem for an anonymous render outside these limits, or null when it is within them.</summary>
    public Problem? Check(QrCodeStyle style, QrFormat format)
    {
        if (!Formats.Contains(format))
        {
            var allowed = string.Join(", ", Formats.Order().Select(f => f.FileExtension()));
            return Refused("format", $"Anonymous renders are limited to {allowed}; sign in or send an API key to render {format.FileExtension()}.", "anonymous_format_limit");
        }

        var size = PixelSize(style);
        return size > MaxSize
            ? Refused(style.Print?.Width is null ? "style.size" : "style.print.width", $"Anonymous renders are at most {MaxSize} px (a print width counts as width × dpi); sign in or send an API key for up to {QrStyle.MaxSize} px.", "anonymous_size_limit")
            : null;
    }

    // A print width sets the pixel size (width × dpi); a style the engine refuses is left to the render to report.
    private static int PixelSize(QrCodeStyle style)
    {
        if (style.Print?.Width is null)
        {
            return style.Size ?? QrStyle.Default.Size;
        }

        try
        {
            return style.ToEngineStyle(null).Size;
        }
        catch (QrEngineException)
        {
            return 0;
        }
    }

    private static Problem Refused(string field, string reason, string code) =>
        Problems.Of(403, ProblemTypes.RenderLimit, "Over the limits of anonymous rendering.", reason, [new FieldError(field, reason, code)]);
}
