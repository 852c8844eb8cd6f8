namespace QrAspire.Api.Features.Batches;

/// <summary>
/// The CSV columns of a batch (documented in docs/bulk.md). Only <c>name</c> and <c>type</c> are required in the
/// header; any other column may be left out, and an empty cell means "not given".
/// </summary>
internal static class BatchColumns
{
    public const string Name = "name";
    public const string Type = "type";
    public const string ContentType = "content_type";
    public const string Destination = "destination";
    public const string ShortCode = "short_code";
    public const string RedirectStatus = "redirect_status";
    public const string Status = "status";
    public const string ExpiresAt = "expires_at";
    public const string Tags = "tags";
    public const string Foreground = "foreground";
    public const string Background = "background";
    public const string Modules = "modules";
    public const string Eyes = "eyes";
    public const string Ecc = "ecc";
    public const string Size = "size";
    public const string QuietZone = "quiet_zone";
    public const string Dpi = "dpi";
    public const string LogoId = "logo_id";
    public const string GradientType = "gradient_type";
    public const string GradientStart = "gradient_start";
    public const string GradientEnd = "gradient_end";
    public const string GradientAngle = "gradient_angle";
    public const string EyeFrameColour = "eye_frame_colour";
    public const string EyeBallColour = "eye_ball_colour";
    public const string LogoBackground = "logo_background";
    public const string LogoPadding = "logo_padding";
    public const string LogoCornerRadius = "logo_corner_radius";
    public const string FrameDesign = "frame_design";
    public const string FrameText = "frame_text";
    public const string FrameColour = "frame_colour";
    public const string FrameTextColour = "frame_text_colour";

    /// <summary>Each content type's columns, and the content's JSON field each one fills (the first is the main one).</summary>
    public static readonly IReadOnlyDictionary<string, (string Column, string Field)[]> ContentColumns = new Dictionary<string, (string, string)[]>
    {
        ["url"] = [("url", "url")],
        ["text"] = [("text", "text")],
        ["phone"] = [("phone_number", "number")],
        ["sms"] = [("sms_number", "number"), ("sms_message", "message")],
        ["email"] = [("email_to", "to"), ("email_subject", "subject"), ("email_body", "body")],
        ["wifi"] = [("wifi_ssid", "ssid"), ("wifi_password", "password"), ("wifi_security", "security"), ("wifi_hidden", "hidden")],
        ["geo"] = [("geo_latitude", "latitude"), ("geo_longitude", "longitude"), ("geo_altitude", "altitude")],
        ["event"] =
        [
            ("event_summary", "summary"), ("event_start", "start"), ("event_end", "end"), ("event_location", "location"),
            ("event_description", "description"), ("event_all_day", "allDay"),
        ],
        ["vcard"] =
        [
            ("vcard_first_name", "firstName"), ("vcard_last_name", "lastName"), ("vcard_organization", "organization"), ("vcard_title", "title"),
            ("vcard_phone", "phone"), ("vcard_mobile", "mobile"), ("vcard_email", "email"), ("vcard_url", "url"), ("vcard_street", "street"),
            ("vcard_city", "city"), ("vcard_region", "region"), ("vcard_postal_code", "postalCode"), ("vcard_country", "country"), ("vcard_note", "note"),
        ],
    };

    /// <summary>Style fields (as the engine and the Api name them) and their columns.</summary>
    private static readonly Dictionary<string, string> StyleColumns = new(StringComparer.Ordinal)
    {
        ["style.foreground"] = Foreground,
        ["style.background"] = Background,
        ["style.modules"] = Modules,
        ["style.eyes"] = Eyes,
        ["style.errorCorrection"] = Ecc,
        ["style.size"] = Size,
        ["style.quietZone"] = QuietZone,
        ["style.dpi"] = Dpi,
        ["style.logo"] = LogoId,
        ["style.logoId"] = LogoId,
        ["style.gradient"] = GradientStart,
        ["style.gradient.type"] = GradientType,
        ["style.gradient.start"] = GradientStart,
        ["style.gradient.end"] = GradientEnd,
        ["style.gradient.angle"] = GradientAngle,
        ["style.eyeFrameColour"] = EyeFrameColour,
        ["style.eyeBallColour"] = EyeBallColour,
        ["style.logoBackground"] = LogoBackground,
        ["style.logoPadding"] = LogoPadding,
        ["style.logoCornerRadius"] = LogoCornerRadius,
        ["style.frame.design"] = FrameDesign,
        ["style.frame.text"] = FrameText,
        ["style.frame.colour"] = FrameColour,
        ["style.frame.textColour"] = FrameTextColour,
        ["style"] = Foreground,
    };

    /// <summary>Fields of <c>POST /api/v1/qr-codes</c> (camelCase JSON) and their columns.</summary>
    private static readonly Dictionary<string, string> RequestColumns = new(StringComparer.Ordinal)
    {
        ["name"] = Name,
        ["type"] = Type,
        ["content"] = ContentType,
        ["destination"] = Destination,
        ["shortCode"] = ShortCode,
        ["redirectStatus"] = RedirectStatus,
        ["status"] = Status,
        ["expiresAt"] = ExpiresAt,
        ["tags"] = Tags,
    };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        new[] { Name, Type, ContentType, Destination, ShortCode, RedirectStatus, Status, ExpiresAt, Tags, Foreground, Background, Modules, Eyes, Ecc, Size, QuietZone, Dpi, LogoId,
            GradientType, GradientStart, GradientEnd, GradientAngle, EyeFrameColour, EyeBallColour, LogoBackground, LogoPadding, LogoCornerRadius,
            FrameDesign, FrameText, FrameColour, FrameTextColour }
            .Concat(ContentColumns.Values.SelectMany(c => c.Select(x => x.Column))),
        StringComparer.Ordinal);

    /// <summary>
    /// The column a field error of the create endpoint or the engine is about: <c>content.ssid</c> of a wifi row is
    /// <c>wifi_ssid</c>, <c>style.errorCorrection</c> is <c>ecc</c>; a problem with the content as a whole is the
    /// main column of its type (for a dynamic code, <c>destination</c>: its short URL is what is encoded).
    /// </summary>
    public static string ForField(string field, string? contentType, bool dynamic)
    {
        if (StyleColumns.TryGetValue(field, out var style))
        {
            return style;
        }

        if (field.StartsWith("content", StringComparison.Ordinal) && (dynamic || field.Length > "content".Length))
        {
            if (dynamic)
            {
                return Destination;
            }

            var name = field["content".Length..].TrimStart('.');
            if (contentType is not null && ContentColumns.TryGetValue(contentType, out var columns))
            {
                return columns.FirstOrDefault(c => c.Field == name).Column ?? columns[0].Column;
            }

            return ContentType;
        }

        return RequestColumns.TryGetValue(field, out var column) ? column : field;
    }
}
