
namespace QrAspire.Api.Features.Batches;

/// <summary>
/// A row's typed values as the <c>POST /api/v1/qr-codes</c> request it stands for, with the one check only a CSV row
/// needs: a cell in a content column that does not belong to the row's type.
/// </summary>
internal static class BatchRowRequest
{
    public static CreateQrCodeRequest From(BatchRowCells row)
    {
        var type = row.Type;
        var contentType = row.ContentType;
        var dynamic = row.IsDynamic;
        QrContent? content = null;
        if (WireNames.Is(type, QrCodeType.Static) && contentType is not null)
        {
            content = row.Content(contentType);
        }
        else if (contentType is not null && WireNames.Is(type, QrCodeType.Dynamic))
        {
            row.Error(BatchColumns.ContentType, "A dynamic code encodes its short link; leave content_type empty and set destination.");
        }

        var allowed = dynamic || contentType is null ? [] : BatchColumns.ContentColumns.GetValueOrDefault(contentType, []);
        foreach (var (owner, columns) in BatchColumns.ContentColumns)
        {
            foreach (var (column, _) in columns.Where(c => row.Text(c.Column) is not null && !allowed.Any(a => a.Column == c.Column)))
            {
                row.Error(column, dynamic ? "A dynamic code has no content; leave it empty on this row." : $"Only for content_type {owner}; leave it empty on this row.");
            }
        }

        var expiresAt = row.Instant(BatchColumns.ExpiresAt);
        var style = new QrCodeStyle
        {
            Foreground = row.Text(BatchColumns.Foreground),
            Background = row.Text(BatchColumns.Background),
            Modules = row.Enum<ModuleShape>(BatchColumns.Modules),
            Eyes = row.Enum<EyeShape>(BatchColumns.Eyes),
            ErrorCorrection = row.Text(BatchColumns.Ecc),
            Size = row.Int(BatchColumns.Size),
            QuietZone = row.Int(BatchColumns.QuietZone),
            Dpi = row.Int(BatchColumns.Dpi),
            LogoId = row.Text(BatchColumns.LogoId),
            Gradient = Gradient(row),
            EyeFrameColour = row.Text(BatchColumns.EyeFrameColour),
            EyeBallColour = row.Text(BatchColumns.EyeBallColour),
            LogoBackground = row.Text(BatchColumns.LogoBackground),
            LogoPadding = row.Number(BatchColumns.LogoPadding),
            LogoCornerRadius = row.Number(BatchColumns.LogoCornerRadius),
            Frame = Frame(row),
        };
        return new CreateQrCodeRequest
        {
            Name = row.Text(BatchColumns.Name) ?? "",
            Type = type,
            Content = content,
            Destination = row.Text(BatchColumns.Destination),
            ShortCode = row.Text(BatchColumns.ShortCode),
            RedirectStatus = row.Int(BatchColumns.RedirectStatus),
            Status = row.Text(BatchColumns.Status)?.ToLowerInvariant(),
            ExpiresAt = expiresAt,
            Tags = row.Text(BatchColumns.Tags)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Style = style == new QrCodeStyle() ? null : style,
        };
    }

    /// <summary>A gradient when any of its columns is filled; the engine's check names what is missing.</summary>
    private static QrCodeGradient? Gradient(BatchRowCells row)
    {
        var gradient = new QrCodeGradient
        {
            Type = row.Text(BatchColumns.GradientType),
            Start = row.Text(BatchColumns.GradientStart),
            End = row.Text(BatchColumns.GradientEnd),
            Angle = row.Number(BatchColumns.GradientAngle),
        };
        return gradient == new QrCodeGradient() ? null : gradient;
    }

    /// <summary>A frame when any of its columns has a value (a frame design alone is a frame with the default colours).</summary>
    private static QrCodeFrame? Frame(BatchRowCells row)
    {
        var frame = new QrCodeFrame
        {
            Design = row.Text(BatchColumns.FrameDesign),
            Text = row.Text(BatchColumns.FrameText),
            Colour = row.Text(BatchColumns.FrameColour),
            TextColour = row.Text(BatchColumns.FrameTextColour),
        };
        return frame == new QrCodeFrame() ? null : frame;
    }
}
