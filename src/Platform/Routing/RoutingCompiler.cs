using System.Text.Json;
using Microsoft.Extensions.Primitives;
using QrAspire.Contracts;

namespace QrAspire.Platform.Routing;

/// <summary>Turns a code's stored routing (the Api's <see cref="QrCodeRouting"/> JSON) into a <see cref="CompiledRouting"/>.</summary>
public static class RoutingCompiler
{
    /// <summary>
    /// The compiled routing, or null when there is none or it cannot be read. A destination that is not a safe
    /// http(s) URL (the Api refuses those; this guards against a bad row) drops its rule or variant split.
    /// </summary>
    public static CompiledRouting? Compile(string? json, string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        QrCodeRouting? routing;
        try
        {
            routing = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.QrCodeRouting);
        }
        catch (JsonException)
        {
            return null;
        }

        return routing is null ? null : Compile(routing, destination);
    }

    /// <summary>The compiled form of <paramref name="routing"/> for a code whose default destination is <paramref name="destination"/>.</summary>
    public static CompiledRouting Compile(QrCodeRouting routing, string destination)
    {
        ArgumentNullException.ThrowIfNull(routing);
        List<CompiledRule> rules = [];
        foreach (var rule in routing.Rules ?? [])
        {
            if (rule is not null && Target(rule.Destination, rule.Variants, routing.Utm) is { } target && Rule(rule.Conditions, target) is { } compiled)
            {
                rules.Add(compiled);
            }
        }

        var hasUtm = UtmValues(routing.Utm, null).Exists(v => v is not null);
        var defaultTarget = routing.Variants is not null || hasUtm ? Target(routing.Variants is null ? destination : null, routing.Variants, routing.Utm) : null;
        StringValues expired = SafeLocation.Of(routing.ExpiredDestination) is { } fallback ? fallback : StringValues.Empty;
        var needsVisitor = rules.Count > 0 || routing.Variants is not null;
        return new CompiledRouting([.. rules], defaultTarget, expired, needsVisitor)
        {
            ScanLimit = routing.ScanLimit is { Scans: > 0 } limit ? limit.Scans : 0,
            LimitLocation = SafeLocation.Of(routing.ScanLimit?.FallbackDestination) is { } limitFallback ? limitFallback : StringValues.Empty,
        };
    }

    private static CompiledRule? Rule(RoutingConditions? conditions, RoutingTarget target)
    {
        if (conditions is null)
        {
            return new CompiledRule([], [], [], [], long.MinValue, long.MaxValue, target);
        }

        TimeZoneInfo? zone = null;
        if (conditions.TimeZone is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            return null; // a zone this machine does not know: the rule cannot be judged, so it never matches.
        }

        return new CompiledRule(
            Lower(conditions.Device), Lower(conditions.Os), [.. (conditions.Country ?? []).Where(c => c is not null)],
            [.. (conditions.Language ?? []).Where(c => c is not null)],
            conditions.From is { } from ? UtcTicks(from, zone) : long.MinValue,
            conditions.Until is { } until ? UtcTicks(until, zone) : long.MaxValue,
            target);
    }

    private static string[] Lower(IReadOnlyList<string>? values) => [.. (values ?? []).Where(v => v is not null).Select(v => v.ToLowerInvariant())];

    // A window's ends are wall-clock times in the rule's zone (UTC without one); a time a DST change skips counts as the hour after.
    private static long UtcTicks(DateTime value, TimeZoneInfo? zone)
    {
        if (zone is null)
        {
            return (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;
        }

        var local = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks;
    }

    private static RoutingTarget? Target(string? destination, IReadOnlyList<RoutingVariant>? variants, UtmParameters? codeUtm)
    {
        if (variants is null)
        {
            return Location(destination, UtmValues(codeUtm, null)) is { } single ? new RoutingTarget([single], []) : null;
        }

        var locations = new StringValues[variants.Count];
        var slots = new byte[100];
        var next = 0;
        for (var i = 0; i < variants.Count; i++)
        {
            if (variants[i] is not { } variant || Location(variant.Destination, UtmValues(codeUtm, variant.Utm)) is not { } location)
            {
                return null;
            }

            locations[i] = location;
            for (var w = 0; w < variant.Weight && next < slots.Length; w++)
            {
                slots[next++] = (byte)i;
            }
        }

        // Weights sum to 100 (the Api checks); should they not, the last variant takes the rest.
        for (; next < slots.Length; next++)
        {
            slots[next] = (byte)(variants.Count - 1);
        }

        return variants.Count == 0 ? null : new RoutingTarget(locations, slots);
    }

    private static StringValues? Location(string? destination, List<string?> utm)
    {
        if (SafeLocation.Of(destination) is not { } safe)
        {
            return null;
        }

        return utm.Exists(v => v is not null) && SafeLocation.Of(UtmQuery.Merge(safe, utm)) is { } merged ? merged : safe;
    }

    // A variant's own UTM values win key by key over the code's.
    private static List<string?> UtmValues(UtmParameters? code, UtmParameters? variant) =>
    [
        variant?.Source ?? code?.Source, variant?.Medium ?? code?.Medium, variant?.Campaign ?? code?.Campaign,
        variant?.Term ?? code?.Term, variant?.Content ?? code?.Content,
    ];
}
