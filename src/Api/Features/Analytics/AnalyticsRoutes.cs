using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Analytics;

/// <summary>
/// Scans per routing rule and per A/B variant (with unique scanners) of one code, from <see cref="ScanRouteHour"/>:
/// what answered as the Worker recorded it, whatever the routing is now. The current routing only names the variants'
/// destinations and lists rules and variants that have no scans yet. The default destination's scans are the
/// report's total less every other rule's, so scans recorded before routing existed count there.
/// </summary>
public static class AnalyticsRoutes
{
    /// <summary>The key of the default destination in <see cref="AnalyticsReport.Rules"/> and <see cref="AnalyticsVariantSplit.Rule"/>.</summary>
    public const string DefaultKey = "default";

    /// <summary>The key of the expiry fallback in <see cref="AnalyticsReport.Rules"/>.</summary>
    public const string ExpiredFallbackKey = "expiredFallback";

    /// <summary>The key of the limit fallback (scans past the scan limit: its destination or 410) in <see cref="AnalyticsReport.Rules"/>.</summary>
    public const string LimitFallbackKey = "limitFallback";

    /// <summary><paramref name="report"/> with <see cref="AnalyticsReport.Variants"/> and <see cref="AnalyticsReport.Rules"/> of the code <paramref name="codeId"/>.</summary>
    public static async Task<AnalyticsReport> AddAsync(
        QrAspireDbContext db, string codeId, QrCodeRouting? routing, AnalyticsReport report, AnalyticsQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.ScanRouteHours.AsNoTracking().Where(h => h.QrCodeId == codeId && h.Hour >= query.From && h.Hour < query.To);
        if (!query.IncludeBots)
        {
            rows = rows.Where(h => !h.IsBot && !h.IsHead); // as the totals: bots' first visits are on is_bot rows
        }

        var counts = (await rows.GroupBy(h => new { h.Rule, h.Variant })
                .Select(g => new { g.Key.Rule, g.Key.Variant, Scans = g.Sum(h => h.Scans), Visitors = g.Sum(h => h.UniqueScanners) })
                .ToListAsync(ct))
            .ToDictionary(c => (c.Rule, c.Variant), c => (c.Scans, c.Visitors));
        return report with { Variants = Variants(counts, routing), Rules = Rules(counts, routing, report.Totals.Scans) };
    }

    private static List<AnalyticsVariantSplit> Variants(Dictionary<(short Rule, short Variant), (long Scans, long Visitors)> counts, QrCodeRouting? routing)
    {
        var splits = new SortedDictionary<short, SortedDictionary<short, AnalyticsVariant>>();
        void Put(short rule, short variant, string? destination)
        {
            var (scans, visitors) = counts.GetValueOrDefault((rule, variant));
            if (!splits.TryGetValue(rule, out var split))
            {
                splits[rule] = split = [];
            }

            split[variant] = new AnalyticsVariant(variant, destination, scans, visitors);
        }

        foreach (var ((rule, variant), _) in counts.Where(c => c.Key.Variant >= 0 && c.Key.Rule >= ScanRouteHour.DefaultRule))
        {
            Put(rule, variant, DestinationOf(routing, rule, variant));
        }

        for (var i = 0; i < (routing?.Variants?.Count ?? 0); i++)
        {
            Put(ScanRouteHour.DefaultRule, (short)i, routing!.Variants![i].Destination);
        }

        for (var r = 0; r < (routing?.Rules?.Count ?? 0); r++)
        {
            for (var i = 0; i < (routing!.Rules![r]?.Variants?.Count ?? 0); i++)
            {
                Put((short)r, (short)i, routing.Rules[r].Variants![i].Destination);
            }
        }

        // SortedDictionary puts the default (-1) before rule 0.
        return [.. splits.Select(s => new AnalyticsVariantSplit(RuleKey(s.Key), [.. s.Value.Values]))];
    }

    private static List<AnalyticsCount> Rules(Dictionary<(short Rule, short Variant), (long Scans, long Visitors)> counts, QrCodeRouting? routing, long total)
    {
        var perRule = new SortedDictionary<short, long>();
        foreach (var ((rule, _), (scans, _)) in counts.Where(c => c.Key.Rule != ScanRouteHour.DefaultRule))
        {
            perRule[rule] = perRule.GetValueOrDefault(rule) + scans;
        }

        for (short r = 0; r < (routing?.Rules?.Count ?? 0); r++)
        {
            perRule.TryAdd(r, 0);
        }

        if (routing?.ExpiredDestination is not null)
        {
            perRule.TryAdd(ScanRouteHour.ExpiredFallbackRule, 0);
        }

        if (routing?.ScanLimit is not null)
        {
            perRule.TryAdd(ScanRouteHour.LimitFallbackRule, 0);
        }

        var others = perRule.Values.Sum();
        List<AnalyticsCount> rules = [new(DefaultKey, total - others)];
        rules.AddRange(perRule.Where(r => r.Key >= 0).Select(r => new AnalyticsCount(RuleKey(r.Key), r.Value)));
        if (perRule.TryGetValue(ScanRouteHour.ExpiredFallbackRule, out var expired))
        {
            rules.Add(new AnalyticsCount(ExpiredFallbackKey, expired));
        }

        if (perRule.TryGetValue(ScanRouteHour.LimitFallbackRule, out var limited))
        {
            rules.Add(new AnalyticsCount(LimitFallbackKey, limited));
        }

        return rules;
    }

    private static string? DestinationOf(QrCodeRouting? routing, short rule, short variant)
    {
        var variants = rule == ScanRouteHour.DefaultRule ? routing?.Variants
            : routing?.Rules is { } rules && rule < rules.Count ? rules[rule]?.Variants
            : null;
        return variants is not null && variant < variants.Count ? variants[variant].Destination : null;
    }

    private static string RuleKey(short rule) => rule == ScanRouteHour.DefaultRule ? DefaultKey : rule.ToString(CultureInfo.InvariantCulture);
}
