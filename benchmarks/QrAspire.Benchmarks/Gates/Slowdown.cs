using System.Globalization;

namespace QrAspire.Benchmarks.Gates;

/// <summary>
/// A deliberate slowdown for showing that the ratio gates catch a slow renderer: <c>QRASPIRE_BENCH_SLOWDOWN=PNG:4</c>
/// makes our PNG benchmark render the same image four times per call (several as <c>PNG:4,Encode:3</c>).
/// Names are <see cref="RatioGate.Format"/>s, case-insensitive.
/// </summary>
public sealed class Slowdown
{
    public const string Variable = "QRASPIRE_BENCH_SLOWDOWN";

    private readonly Dictionary<string, int> _repeats;

    private Slowdown(Dictionary<string, int> repeats) => _repeats = repeats;

    public static Slowdown None { get; } = new(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));

    public static Slowdown FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <exception cref="FormatException">An entry is not <c>NAME:N</c> with N from 1 to 1000.</exception>
    public static Slowdown Parse(string? value)
    {
        var repeats = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var times) || times is < 1 or > 1000)
            {
                throw new FormatException($"{Variable}: '{entry}' is not NAME:N with N from 1 to 1000 (e.g. PNG:4).");
            }

            repeats[parts[0]] = times;
        }

        return new Slowdown(repeats);
    }

    /// <summary>How many times our benchmark for <paramref name="format"/> does its work per call (1 unless slowed).</summary>
    public int Repeats(string format) => _repeats.TryGetValue(format, out var times) ? times : 1;
}
