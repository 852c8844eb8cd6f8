using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Styling;

namespace QrAspire.QrCodes;

/// <summary>The contracts' content and style as the QR engine takes them.</summary>
public static class QrContentMapping
{
    /// <summary>The engine's form of this content.</summary>
    public static IQrContent ToEngine(this QrContent content) => content switch
    {
        UrlContent c => new UrlQrContent(c.Url),
        TextContent c => new TextQrContent(c.Text),
        WifiContent c => new WifiQrContent(c.Ssid, c.Password, c.Security.ToEngine(), c.Hidden),
        EmailContent c => new EmailQrContent(c.To, c.Subject, c.Body),
        SmsContent c => new SmsQrContent(c.Number, c.Message),
        PhoneContent c => new PhoneQrContent(c.Number),
        GeoContent c => new GeoQrContent(c.Latitude, c.Longitude, c.Altitude),
        EventContent c => new CalendarEventQrContent(c.Summary, c.Start, c.End, c.Location, c.Description, c.AllDay),
        VCardContent c => new VCardQrContent
        {
            FirstName = c.FirstName,
            LastName = c.LastName,
            Organization = c.Organization,
            Title = c.Title,
            Phone = c.Phone,
            Mobile = c.Mobile,
            Email = c.Email,
            Url = c.Url,
            Street = c.Street,
            City = c.City,
            Region = c.Region,
            PostalCode = c.PostalCode,
            Country = c.Country,
            Note = c.Note,
        },
        null => throw new ArgumentNullException(nameof(content)),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "Unknown content type."),
    };

    /// <summary>The engine's Wi-Fi security.</summary>
    public static QrEngine.Contents.WifiSecurity ToEngine(this Contracts.WifiSecurity security) => security switch
    {
        Contracts.WifiSecurity.Wep => QrEngine.Contents.WifiSecurity.Wep,
        Contracts.WifiSecurity.None => QrEngine.Contents.WifiSecurity.None,
        _ => QrEngine.Contents.WifiSecurity.Wpa,
    };

    /// <summary>The engine's module shape.</summary>
    public static QrEngine.Styling.ModuleShape ToEngine(this Contracts.ModuleShape shape) => shape switch
    {
        Contracts.ModuleShape.Rounded => QrEngine.Styling.ModuleShape.Rounded,
        Contracts.ModuleShape.Dots => QrEngine.Styling.ModuleShape.Dots,
        Contracts.ModuleShape.RoundedSquare => QrEngine.Styling.ModuleShape.RoundedSquare,
        Contracts.ModuleShape.Leaf => QrEngine.Styling.ModuleShape.Leaf,
        Contracts.ModuleShape.Diamond => QrEngine.Styling.ModuleShape.Diamond,
        Contracts.ModuleShape.Classy => QrEngine.Styling.ModuleShape.Classy,
        _ => QrEngine.Styling.ModuleShape.Square,
    };

    /// <summary>The engine's eye shape.</summary>
    public static QrEngine.Styling.EyeShape ToEngine(this Contracts.EyeShape shape) => shape switch
    {
        Contracts.EyeShape.Rounded => QrEngine.Styling.EyeShape.Rounded,
        Contracts.EyeShape.Circle => QrEngine.Styling.EyeShape.Circle,
        Contracts.EyeShape.RoundedSquare => QrEngine.Styling.EyeShape.RoundedSquare,
        Contracts.EyeShape.Leaf => QrEngine.Styling.EyeShape.Leaf,
        Contracts.EyeShape.Classy => QrEngine.Styling.EyeShape.Classy,
        _ => QrEngine.Styling.EyeShape.Square,
    };

    /// <summary>The engine's style; colours are parsed here, so a bad one is a field error naming it.</summary>
    public static QrStyle ToEngineStyle(this QrCodeStyle style, ReadOnlyMemory<byte>? logo)
    {
        ArgumentNullException.ThrowIfNull(style);
        var defaults = QrStyle.Default;
        return new QrStyle
        {
            Size = style.Size ?? defaults.Size,
            Dpi = style.Dpi ?? defaults.Dpi,
            QuietZone = style.QuietZone ?? defaults.QuietZone,
            Foreground = style.Foreground is null ? defaults.Foreground : QrColour.Parse(style.Foreground, "style.foreground"),
            Background = style.Background is null ? defaults.Background : QrColour.Parse(style.Background, "style.background"),
            Modules = style.Modules?.ToEngine() ?? defaults.Modules,
            Eyes = style.Eyes?.ToEngine() ?? defaults.Eyes,
            Logo = logo,
            Gradient = style.Gradient?.ToEngine(),
            EyeFrameColour = style.EyeFrameColour is null ? null : QrColour.Parse(style.EyeFrameColour, "style.eyeFrameColour"),
            EyeBallColour = style.EyeBallColour is null ? null : QrColour.Parse(style.EyeBallColour, "style.eyeBallColour"),
            LogoBackground = style.LogoBackground is null ? null : QrColour.Parse(style.LogoBackground, "style.logoBackground"),
            LogoPadding = style.LogoPadding ?? defaults.LogoPadding,
            LogoCornerRadius = style.LogoCornerRadius ?? defaults.LogoCornerRadius,
            Print = style.Print?.ToEngine(),
            Frame = style.Frame?.ToEngine(),
        };
    }

    /// <summary>The engine's print options; the unit and colour space are read here, so a bad one is a field error naming it.</summary>
    /// <exception cref="QrEngine.QrEngineException">An unknown unit or colour space.</exception>
    public static QrPrint ToEngine(this QrCodePrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        return new QrPrint
        {
            Width = print.Width,
            Unit = print.Unit?.Trim().ToLowerInvariant() switch
            {
                null or "" or "mm" => PrintUnit.Millimetre,
                "in" => PrintUnit.Inch,
                _ => throw new QrEngine.QrEngineException(QrEngine.QrErrorCodes.InvalidStyle, "style.print.unit", $"Unknown unit '{print.Unit}'; use mm or in."),
            },
            Bleed = print.Bleed ?? 0,
            CropMarks = print.CropMarks ?? false,
            ColourSpace = print.ColourSpace?.Trim().ToLowerInvariant() switch
            {
                null or "" or "rgb" => PrintColourSpace.Rgb,
                "cmyk" => PrintColourSpace.Cmyk,
                _ => throw new QrEngine.QrEngineException(QrEngine.QrErrorCodes.InvalidStyle, "style.print.colourSpace", $"Unknown colour space '{print.ColourSpace}'; use rgb or cmyk."),
            },
        };
    }

    /// <summary>The engine's frame; its design and colours are read here, so a bad one is a field error naming it.</summary>
    /// <exception cref="QrEngine.QrEngineException">An unknown design or an unreadable colour.</exception>
    public static QrFrame ToEngine(this QrCodeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new QrFrame(string.IsNullOrWhiteSpace(frame.Design) ? FrameDesign.BannerBottom : QrFrame.ParseDesign(frame.Design), frame.Text)
        {
            Colour = frame.Colour is null ? null : QrColour.Parse(frame.Colour, "style.frame.colour"),
            TextColour = frame.TextColour is null ? null : QrColour.Parse(frame.TextColour, "style.frame.textColour"),
        };
    }

    /// <summary>The engine's gradient; its type and colours are read here, so a bad one is a field error naming it.</summary>
    /// <exception cref="QrEngine.QrEngineException">An unknown type, or a missing or unreadable colour.</exception>
    public static QrGradient ToEngine(this QrCodeGradient gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        var kind = gradient.Type?.Trim().ToLowerInvariant() switch
        {
            null or "" or "linear" => GradientKind.Linear,
            "radial" => GradientKind.Radial,
            _ => throw new QrEngine.QrEngineException(QrEngine.QrErrorCodes.InvalidStyle, "style.gradient.type", $"Unknown gradient type '{gradient.Type}'; use linear or radial."),
        };
        return new QrGradient(
            kind,
            QrColour.Parse(gradient.Start ?? throw Missing("start"), "style.gradient.start"),
            QrColour.Parse(gradient.End ?? throw Missing("end"), "style.gradient.end"),
            gradient.Angle ?? 0);

        static QrEngine.QrEngineException Missing(string field) =>
            new(QrEngine.QrErrorCodes.InvalidColour, $"style.gradient.{field}", $"A gradient needs a {field} colour (#RRGGBB).");
    }

    /// <summary>The error-correction level, or a field error.</summary>
    /// <exception cref="QrEngine.QrEngineException">Not L, M, Q or H.</exception>
    public static QrEngine.Encoding.ErrorCorrectionLevel ErrorCorrectionLevel(this QrCodeStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        return style.ErrorCorrection?.Trim().ToUpperInvariant() switch
        {
            null or "" => QrEngine.Encoding.ErrorCorrectionLevel.M,
            "L" => QrEngine.Encoding.ErrorCorrectionLevel.L,
            "M" => QrEngine.Encoding.ErrorCorrectionLevel.M,
            "Q" => QrEngine.Encoding.ErrorCorrectionLevel.Q,
            "H" => QrEngine.Encoding.ErrorCorrectionLevel.H,
            _ => throw new QrEngine.QrEngineException(QrEngine.QrErrorCodes.InvalidStyle, "style.errorCorrection", $"Unknown error-correction level '{style.ErrorCorrection}'; use L, M, Q or H."),
        };
    }
}
