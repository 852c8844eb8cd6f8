using ZXing;
using ZXing.Common;

namespace QrAspire.QrEngine.Scanning;

/// <summary>Reads QR codes in-process with ZXing.Net (the decoder inside many Android scanner apps).</summary>
public static class ZxingReader
{
    /// <summary>The text of the QR code in an 8-bit greyscale image (row by row, no padding), or null when none is read.</summary>
    /// <param name="grey">The pixels.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pure">
    /// True for ZXing's pure-barcode path (module centres sampled from the symbol's bounding box; only for unskewed,
    /// axis-aligned images), false for its finder-pattern detector, as a camera app uses.
    /// </param>
    public static string? Read(byte[] grey, int width, int height, bool pure = false)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = pure },
        };
        return reader.Decode(new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
