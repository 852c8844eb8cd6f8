using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Styling;
using SkiaSharp;

namespace QrAspire.QrEngine.Tests.Support;

/// <summary>Sample content of every content type, styles and logos shared by the tests.</summary>
internal static class TestData
{
    public static readonly QrFormat[] Formats = Enum.GetValues<QrFormat>();

    /// <summary>One content per content type, each exercising the characters its format must escape.</summary>
    public static readonly (string Name, IQrContent Content)[] Contents =
    [
        ("url", new UrlQrContent("https://example.com/menu?table=12&lang=en#top")),
        ("text", new TextQrContent("Grüße aus Köln — 東京 ✓ 🍣\nsecond line")),
        ("vcard", new VCardQrContent
        {
            FirstName = "Zoë",
            LastName = "Ångström, Jr.",
            Organization = "Acme; Widgets & Co",
            Title = "Head of QR",
            Phone = "+44 20 7946 0018",
            Mobile = "+1 (555) 010-9999",
            Email = "zoe@example.com",
            Url = "https://example.com/zoe",
            Street = "1 Main Street; Unit 4",
            City = "Zürich",
            PostalCode = "8001",
            Country = "Switzerland",
            Note = "Back\\slash, comma; semicolon\nand a note long enough to be folded past seventy-five octets of UTF-8 — ünïcödé included.",
        }),
        ("wifi", new WifiQrContent("Café;Net,work:\"5G\"\\", "p@ss;word:1,\"x\"\\", WifiSecurity.Wpa, Hidden: true)),
        ("email", new EmailQrContent("sales@example.com", "Quote & order #42", "Hello,\nplease call me back.")),
        ("sms", new SmsQrContent("+1 555 010 1234", "Reply YES: table 12")),
        ("phone", new PhoneQrContent("+49 (30) 1234-5678")),
        ("geo", new GeoQrContent(48.8583701, 2.2944813, 35)),
        ("event", new CalendarEventQrContent(
            "Launch party; drinks, food",
            new DateTimeOffset(2026, 5, 14, 18, 30, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2026, 5, 14, 23, 0, 0, TimeSpan.FromHours(2)),
            "Rooftop, Building C",
            "Bring your badge.\nDress code: smart casual.")),
    ];

    /// <summary>A style per row; together they cover every module shape, eye shape, logo, colours and transparency.</summary>
    public static (string Name, QrStyle Style)[] Styles() =>
    [
        ("plain", QrStyle.Default),
        ("rounded-modules", QrStyle.Default with { Modules = ModuleShape.Rounded }),
        ("dots-circle-eyes", QrStyle.Default with { Modules = ModuleShape.Dots, Eyes = EyeShape.Circle }),
        ("square-rounded-eyes", QrStyle.Default with { Eyes = EyeShape.Rounded }),
        ("colours", QrStyle.Default with { Foreground = QrColour.Parse("#1a237e"), Background = QrColour.Parse("#fff8e1"), Modules = ModuleShape.Rounded, Eyes = EyeShape.Rounded }),
        ("transparent", QrStyle.Default with { Background = QrColour.Transparent, Foreground = QrColour.Parse("#202020") }),
        ("transparent-dots", QrStyle.Default with { Background = QrColour.Transparent, Modules = ModuleShape.Dots, Eyes = EyeShape.Rounded }),
        ("logo-png", QrStyle.Default with { Logo = Logo(SKEncodedImageFormat.Png), Modules = ModuleShape.Rounded, Eyes = EyeShape.Circle }),
        ("logo-jpeg", QrStyle.Default with { Logo = Logo(SKEncodedImageFormat.Jpeg) }),
        ("logo-webp-transparent", QrStyle.Default with { Logo = Logo(SKEncodedImageFormat.Webp), Background = QrColour.Transparent, Modules = ModuleShape.Dots }),
        ("translucent-foreground", QrStyle.Default with { Foreground = new QrColour(0, 0, 0, 200) }),
    ];

    /// <summary>The design-studio styles: gradients, eye colours, the newer shapes and logos on knock-out pads.</summary>
    public static (string Name, QrStyle Style)[] StudioStyles() =>
    [
        ("gradient-linear", QrStyle.Default with { Gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#1a237e"), QrColour.Parse("#00695c"), 45) }),
        ("gradient-radial-dots", QrStyle.Default with { Gradient = new QrGradient(GradientKind.Radial, QrColour.Parse("#000000"), QrColour.Parse("#6a1b9a")), Modules = ModuleShape.Dots, Eyes = EyeShape.Rounded }),
        ("eye-colours", QrStyle.Default with { EyeFrameColour = QrColour.Parse("#c62828"), EyeBallColour = QrColour.Parse("#0d47a1") }),
        ("gradient-eye-ball", QrStyle.Default with { Gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#212121"), QrColour.Parse("#1b5e20"), 90), EyeBallColour = QrColour.Parse("#b71c1c"), Eyes = EyeShape.Circle, Modules = ModuleShape.Rounded }),
        ("modules-rounded-square", QrStyle.Default with { Modules = ModuleShape.RoundedSquare }),
        ("modules-leaf", QrStyle.Default with { Modules = ModuleShape.Leaf }),
        ("modules-diamond", QrStyle.Default with { Modules = ModuleShape.Diamond }),
        ("modules-classy", QrStyle.Default with { Modules = ModuleShape.Classy }),
        ("eyes-rounded-square", QrStyle.Default with { Eyes = EyeShape.RoundedSquare }),
        ("eyes-leaf", QrStyle.Default with { Eyes = EyeShape.Leaf }),
        ("eyes-classy", QrStyle.Default with { Eyes = EyeShape.Classy }),
        ("leaf-leaf", QrStyle.Default with { Modules = ModuleShape.Leaf, Eyes = EyeShape.Leaf, EyeFrameColour = QrColour.Parse("#2e7d32") }),
        ("diamond-circle-eyes", QrStyle.Default with { Modules = ModuleShape.Diamond, Eyes = EyeShape.Circle }),
        ("classy-classy", QrStyle.Default with { Modules = ModuleShape.Classy, Eyes = EyeShape.Classy, Gradient = new QrGradient(GradientKind.Radial, QrColour.Parse("#0d47a1"), QrColour.Parse("#000000")) }),
        ("logo-knockout", QrStyle.Default with { Logo = Logo(SKEncodedImageFormat.Png), LogoBackground = QrColour.Parse("#fff3e0"), LogoPadding = 1, LogoCornerRadius = 0.25 }),
        ("logo-knockout-circle-gradient", QrStyle.Default with
        {
            Logo = Logo(SKEncodedImageFormat.Png),
            LogoBackground = QrColour.White,
            LogoCornerRadius = 0.5,
            Gradient = new QrGradient(GradientKind.Linear, QrColour.Parse("#4a148c"), QrColour.Parse("#880e4f"), 0),
            Modules = ModuleShape.RoundedSquare,
            Eyes = EyeShape.RoundedSquare,
        }),
    ];

    private static readonly Dictionary<SKEncodedImageFormat, byte[]> LogoCache = [];

    /// <summary>A 240×160 logo (deliberately not square, with a transparent corner) encoded in the given format.</summary>
    public static byte[] Logo(SKEncodedImageFormat format, int width = 240, int height = 160)
    {
        lock (LogoCache)
        {
            if (width == 240 && height == 160 && LogoCache.TryGetValue(format, out var cached))
            {
                return cached;
            }

            using var bitmap = new SKBitmap(width, height);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.Transparent);
                using var red = new SKPaint { Color = new SKColor(0xE5, 0x39, 0x35), IsAntialias = true };
                using var blue = new SKPaint { Color = new SKColor(0x1E, 0x88, 0xE5), IsAntialias = true };
                canvas.DrawRoundRect(SKRect.Create(0, 0, width, height), 24, 24, red);
                canvas.DrawCircle(width / 2f, height / 2f, height / 3f, blue);
            }

            using var data = bitmap.Encode(format, 90);
            var bytes = data.ToArray();
            if (width == 240 && height == 160)
            {
                LogoCache[format] = bytes;
            }

            return bytes;
        }
    }
}
