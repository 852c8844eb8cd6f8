using System.Globalization;

namespace QrAspire.LoadTests.Config;

/// <summary>Parses the profile's durations ("250us", "100ms", "1.5s", "10m") and rates ("0.1%").</summary>
public static class ThresholdText
{
    private static readonly (string Suffix, double TicksPerUnit)[] Units =
    [
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
    ];

    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Longest suffix first: "ms" must not be read as "m" after "…s".
        foreach (var (suffix, ticks) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                value = TimeSpan.FromTicks((long)(number * ticks));
                return true;
            }
        }

        return false;
    }

    public static bool TryParsePercent(string? text, out double fraction)
    {
        fraction = default;
        if (string.IsNullOrWhiteSpace(text) || !text.EndsWith('%'))
        {
            return false;
        }

        if (!double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent is < 0 or > 100)
        {
            return false;
        }

        fraction = percent / 100;
        return true;
    }
}
