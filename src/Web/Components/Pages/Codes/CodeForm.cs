using System.Globalization;
using QrAspire.Web.Api;

namespace QrAspire.Web.Components.Pages.Codes;

/// <summary>What the create screen edits: the code, its content (for static codes) and its style.</summary>
public sealed class CodeForm
{
    public static readonly (string Value, string Label)[] ContentTypes =
    [
        ("url", "Website (URL)"), ("text", "Text"), ("vcard", "Contact card (vCard)"), ("wifi", "Wi-Fi network"), ("email", "E-mail"),
        ("sms", "SMS"), ("phone", "Phone call"), ("geo", "Place (geo)"), ("event", "Calendar event"),
    ];

    public string Name { get; set; } = "";
    public bool Dynamic { get; set; } = true;
    public string Destination { get; set; } = "https://";
    public string Tags { get; set; } = "";

    /// <summary>The verified branded domain a dynamic code's short link lives on (<c>domainId</c>); empty for the service's own.</summary>
    public string DomainId { get; set; } = "";

    public string ContentType { get; set; } = "url";
    public string Url { get; set; } = "https://";
    public string Text { get; set; } = "";
    public string Ssid { get; set; } = "";
    public string WifiPassword { get; set; } = "";
    public string Security { get; set; } = "wpa";
    public bool Hidden { get; set; }
    public string EmailTo { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string Number { get; set; } = "";
    public string Message { get; set; } = "";
    public string Latitude { get; set; } = "";
    public string Longitude { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Organization { get; set; } = "";
    public string Title { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Mobile { get; set; } = "";
    public string CardEmail { get; set; } = "";
    public string CardUrl { get; set; } = "";
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string Region { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";
    public string Note { get; set; } = "";
    public string Summary { get; set; } = "";
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public string Location { get; set; } = "";
    public string Description { get; set; } = "";
    public bool AllDay { get; set; }

    public string Foreground { get; set; } = "#111827";
    public string Background { get; set; } = "#ffffff";
    public bool Transparent { get; set; }
    public string Modules { get; set; } = "square";
    public string Eyes { get; set; } = "square";
    public string ErrorCorrection { get; set; } = "M";
    public int Size { get; set; } = 512;
    public string? LogoId { get; set; }
    public bool Gradient { get; set; }
    public string GradientType { get; set; } = "linear";
    public string GradientEnd { get; set; } = "#4338ca";
    public string Frame { get; set; } = "none";
    public string FrameText { get; set; } = "Scan me";

    /// <summary>Whether PDF and EPS downloads are print-ready: an exact width, bleed, crop marks, CMYK.</summary>
    public bool PrintReady { get; set; }
    public double PrintWidth { get; set; } = 30;
    public string PrintUnit { get; set; } = "mm";
    public double PrintBleed { get; set; } = 3;
    public bool CropMarks { get; set; } = true;
    public string ColourSpace { get; set; } = "cmyk";

    /// <summary>The brand kit the style started from, sent as <c>brandKitId</c> so the kit's other fields (eye colours, logo background, print) apply.</summary>
    public string? BrandKitId { get; set; }

    // The kit's gradient and frame, so what the form has no input for (angle, frame colours) survives the form's changes.
    private QrCodeGradient? _kitGradient;
    private QrCodeFrame? _kitFrame;

    /// <summary>How large the code will be printed, for the scannability check (millimetres).</summary>
    public double PrintedSizeMm { get; set; } = 30;

    /// <summary>From how far it will be scanned, for the scannability check (millimetres).</summary>
    public double ScanningDistanceMm { get; set; } = 300;

    /// <summary>The tags as a list (comma-separated in the form).</summary>
    public List<string> TagList() => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The style as the Api takes it.</summary>
    public QrCodeStyle Style(int? size = null) => new()
    {
        Size = size ?? Size,
        Foreground = Foreground,
        Background = Transparent ? "transparent" : Background,
        Modules = Enum.TryParse<ModuleShape>(Modules.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var modules) ? modules : null,
        Eyes = Enum.TryParse<EyeShape>(Eyes.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var eyes) ? eyes : null,
        ErrorCorrection = LogoId is null ? ErrorCorrection : "H",
        LogoId = LogoId,
        Gradient = Gradient ? (_kitGradient ?? new QrCodeGradient()) with { Type = GradientType, Start = Foreground, End = GradientEnd } : null,
        Frame = Frame == "none" ? null : (_kitFrame ?? new QrCodeFrame()) with { Design = Frame, Text = string.IsNullOrWhiteSpace(FrameText) ? null : FrameText },
        Print = PrintReady ? new QrCodePrint { Width = PrintWidth, Unit = PrintUnit, Bleed = PrintBleed, CropMarks = CropMarks, ColourSpace = ColourSpace } : null,
    };

    /// <summary>A print width is the size the scannability check should judge.</summary>
    public void PrintWidthChanged()
    {
        if (PrintReady && PrintWidth > 0)
        {
            PrintedSizeMm = Math.Round(PrintUnit == "in" ? PrintWidth * 25.4 : PrintWidth, 1);
        }
    }

    /// <summary>Starts the style from <paramref name="kit"/> (null: back to the defaults): its values fill the inputs.</summary>
    public void Apply(BrandKitResponse? kit)
    {
        var style = kit?.Style ?? new QrCodeStyle();
        BrandKitId = kit?.Id;
        Foreground = style.Gradient?.Start ?? style.Foreground ?? "#111827";
        Transparent = string.Equals(style.Background, "transparent", StringComparison.OrdinalIgnoreCase);
        Background = Transparent ? "#ffffff" : style.Background ?? "#ffffff";
        Modules = style.Modules is { } modules ? Snake(modules.ToString()) : "square";
        Eyes = style.Eyes is { } eyes ? Snake(eyes.ToString()) : "square";
        ErrorCorrection = style.ErrorCorrection ?? "M";
        Size = style.Size ?? 512;
        LogoId = style.LogoId;
        _kitGradient = style.Gradient;
        Gradient = style.Gradient is not null;
        GradientType = style.Gradient?.Type ?? "linear";
        GradientEnd = style.Gradient?.End ?? "#4338ca";
        _kitFrame = style.Frame;
        Frame = style.Frame?.Design ?? "none";
        FrameText = style.Frame?.Text ?? "Scan me";
        PrintReady = style.Print is not null;
        PrintWidth = style.Print?.Width ?? 30;
        PrintUnit = style.Print?.Unit ?? "mm";
        PrintBleed = style.Print?.Bleed ?? 0;
        CropMarks = style.Print?.CropMarks ?? false;
        ColourSpace = style.Print?.ColourSpace ?? "rgb";
        PrintWidthChanged();
    }

    // RoundedSquare → rounded_square: the form's option values are the wire names.
    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>
    /// The static content as the Api takes it; <paramref name="timeZone"/> reads the event's local times. Null, with
    /// <paramref name="problem"/> naming the fields, when a field cannot be sent at all (a number that is not one, a
    /// missing time); everything else the Api checks.
    /// </summary>
    public QrContent? Content(TimeZoneInfo timeZone, out ApiError? problem)
    {
        var fields = new List<FieldMessage>();
        double Coordinate(string field, string value)
        {
            if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            fields.Add(new FieldMessage(field, "Give a number, e.g. 47.3769."));
            return 0;
        }

        DateTimeOffset Time(string field, DateTime? local)
        {
            if (Instant(local, timeZone) is { } instant)
            {
                return instant;
            }

            fields.Add(new FieldMessage(field, "Give a date and time."));
            return default;
        }

        QrContent content = ContentType switch
        {
            "text" => new TextContent(Text),
            "wifi" => new WifiContent(Ssid, Security == "none" ? null : WifiPassword,
                Enum.TryParse<WifiSecurity>(Security, ignoreCase: true, out var security) ? security : WifiSecurity.Wpa, Hidden),
            "email" => new EmailContent(EmailTo.Trim(), Blank(Subject), Blank(Body)),
            "sms" => new SmsContent(Number.Trim(), Blank(Message)),
            "phone" => new PhoneContent(Number.Trim()),
            "geo" => new GeoContent(Coordinate("latitude", Latitude), Coordinate("longitude", Longitude)),
            "vcard" => new VCardContent
            {
                FirstName = Blank(FirstName),
                LastName = Blank(LastName),
                Organization = Blank(Organization),
                Title = Blank(Title),
                Phone = Blank(Phone),
                Mobile = Blank(Mobile),
                Email = Blank(CardEmail),
                Url = Blank(CardUrl),
                Street = Blank(Street),
                City = Blank(City),
                Region = Blank(Region),
                PostalCode = Blank(PostalCode),
                Country = Blank(Country),
                Note = Blank(Note),
            },
            "event" => new EventContent(Summary, Time("start", Start), Time("end", End), Blank(Location), Blank(Description), AllDay),
            _ => new UrlContent(Url.Trim()),
        };
        problem = fields.Count == 0 ? null : new ApiError(400, "Please correct the highlighted fields.", null, fields, []);
        return problem is null ? content : null;
    }

    /// <summary>WCAG contrast ratio of the two colours (1 to 21), or null when one is not #RRGGBB.</summary>
    public double? Contrast() => Transparent ? null : ContrastOf(Foreground, Background);

    /// <summary>True when the modules are lighter than the background (many scanners cannot read inverted codes).</summary>
    public bool Inverted() => !Transparent && Luminance(Foreground) is { } fg && Luminance(Background) is { } bg && fg > bg;

    public static double? ContrastOf(string foreground, string background)
    {
        if (Luminance(foreground) is not { } fg || Luminance(background) is not { } bg)
        {
            return null;
        }

        var (light, dark) = fg > bg ? (fg, bg) : (bg, fg);
        return (light + 0.05) / (dark + 0.05);
    }

    private static double? Luminance(string hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        static double Channel(int value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel((rgb >> 16) & 0xff)) + (0.7152 * Channel((rgb >> 8) & 0xff)) + (0.0722 * Channel(rgb & 0xff));
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Instant(DateTime? local, TimeZoneInfo zone)
    {
        if (local is not { } time)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
