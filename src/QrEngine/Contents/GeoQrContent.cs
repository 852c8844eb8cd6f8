using System.Globalization;

namespace QrAspire.QrEngine.Contents;

/// <summary>A geographic location, as a <c>geo:</c> URI (RFC 5870): <c>geo:lat,lon[,alt]</c> in WGS-84 degrees.</summary>
/// <param name="Latitude">−90 to 90 degrees.</param>
/// <param name="Longitude">−180 to 180 degrees.</param>
/// <param name="Altitude">Optional altitude in metres.</param>
public sealed record GeoQrContent(double Latitude, double Longitude, double? Altitude = null) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText()
    {
        if (!double.IsFinite(Latitude) || Latitude is < -90 or > 90)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.latitude", "'content.latitude' must be between -90 and 90.");
        }

        if (!double.IsFinite(Longitude) || Longitude is < -180 or > 180)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.longitude", "'content.longitude' must be between -180 and 180.");
        }

        if (Altitude is { } altitude && (!double.IsFinite(altitude) || Math.Abs(altitude) > 100_000))
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, "content.altitude", "'content.altitude' must be within ±100,000 metres.");
        }

        // Seven decimals is ~1 cm; fixed formatting keeps the text (and so the image) deterministic.
        var text = string.Create(CultureInfo.InvariantCulture, $"geo:{Math.Round(Latitude, 7)},{Math.Round(Longitude, 7)}");
        return Altitude is { } alt ? string.Create(CultureInfo.InvariantCulture, $"{text},{Math.Round(alt, 2)}") : text;
    }
}
