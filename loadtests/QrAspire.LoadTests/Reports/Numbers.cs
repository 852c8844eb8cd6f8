using System.Globalization;

namespace QrAspire.LoadTests.Reports;

/// <summary>How the reports print numbers: invariant culture, milliseconds with enough digits for sub-millisecond runs.</summary>
internal static class Numbers
{
    public static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 => ms.ToString("0.00", CultureInfo.InvariantCulture),
        _ => ms.ToString("0.0", CultureInfo.InvariantCulture),
    };

    public static string Rate(double rate) => rate.ToString("0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    public static string Plain(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
