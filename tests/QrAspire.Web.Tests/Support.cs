using Microsoft.Playwright;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace QrAspire.Web.Tests;

internal static class Support
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Fills an input and fires <c>change</c>, as a user leaving the field would (Blazor's @bind listens to it).</summary>
    public static async Task SetAsync(this ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.DispatchEventAsync("change");
    }

    /// <summary>Creates an account in the console; the browser lands on the new account's first page, "New code".</summary>
    public static async Task SignUpAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/signup");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/codes/new");
    }

    /// <summary>Clicks a download link and returns the file's bytes.</summary>
    public static async Task<byte[]> DownloadAsync(this IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>What a QR code image (PNG) says, or null.</summary>
    public static string? DecodeQr(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("not an image");
        using var rgba = bitmap.Copy(SKColorType.Rgba8888);
        var pixels = rgba.GetPixelSpan();
        var gray = new byte[rgba.Width * rgba.Height];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 4)
        {
            gray[i] = (byte)(((pixels[j] * 77) + (pixels[j + 1] * 150) + (pixels[j + 2] * 29)) >> 8);
        }

        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(new RGBLuminanceSource(gray, rgba.Width, rgba.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }

    /// <summary>Saves the page at desktop (1280×800) and phone (390×844) width to artifacts/screenshots/.</summary>
    public static async Task<string> ScreenshotsAsync(this IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var desktop = Path.Combine(folder, $"{name}-desktop.png");
        await page.SetViewportSizeAsync(1280, 800);
        await page.WaitForTimeoutAsync(150);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop });
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(150);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-phone.png") });
        await page.SetViewportSizeAsync(1280, 800);
        return desktop;
    }

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "QrAspire.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("QrAspire.slnx not found above " + AppContext.BaseDirectory);
    }
}
