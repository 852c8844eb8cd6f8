using QrAspire.Platform.Routing;

namespace QrAspire.QrCodes;

/// <summary>
/// The one check of a code's routing, on create and on change: every destination passes
/// <see cref="QrCodeRules.DestinationProblem"/> (the same check as the code's own destination), and each problem
/// names its field as a JSON path (<c>routing.rules[2].conditions.country</c>).
/// </summary>
public static class RoutingChecks
{
    /// <summary>Every problem of <paramref name="routing"/>; empty when it is valid.</summary>
    public static IReadOnlyList<QrCodeProblem> Check(QrCodeRouting routing, string field = "routing")
    {
        ArgumentNullException.ThrowIfNull(routing);
        List<QrCodeProblem> problems = [];
        var rules = routing.Rules ?? [];
        if (rules.Count > RoutingVocabulary.MaxRules)
        {
            problems.Add(new($"{field}.rules", $"At most {RoutingVocabulary.MaxRules} rules.", "rules_too_many"));
        }

        var unconditionalAt = -1;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? new RoutingRule();
            var at = $"{field}.rules[{i}]";
            if (unconditionalAt >= 0)
            {
                problems.Add(new(at, $"Unreachable: rule {unconditionalAt} has no conditions and matches every scan first.", "rule_unreachable"));
            }

            CheckConditions(rule.Conditions, $"{at}.conditions", problems);
            CheckTarget(rule.Destination, rule.Variants, at, problems);
            if (IsUnconditional(rule.Conditions) && unconditionalAt < 0)
            {
                unconditionalAt = i;
            }
        }

        if (routing.Variants is not null)
        {
            CheckVariants(routing.Variants, $"{field}.variants", problems);
        }

        if (routing.ExpiredDestination is not null && QrCodeRules.DestinationProblem(routing.ExpiredDestination) is { } fallbackProblem)
        {
            problems.Add(new($"{field}.expiredDestination", fallbackProblem, "destination_invalid"));
        }

        CheckUtm(routing.Utm, $"{field}.utm", problems);
        CheckScanLimit(routing.ScanLimit, $"{field}.scanLimit", problems);
        return problems;
    }

    /// <summary>True when <paramref name="routing"/> says nothing (an empty object removes a code's routing).</summary>
    public static bool IsEmpty(QrCodeRouting? routing) =>
        routing is null || ((routing.Rules?.Count ?? 0) == 0 && routing.Variants is null && routing.ExpiredDestination is null && IsEmpty(routing.Utm)
            && routing.ScanLimit is null);

    /// <summary>True when no condition is set: the rule matches every scan.</summary>
    public static bool IsUnconditional(RoutingConditions? c) =>
        c is null || ((c.Device?.Count ?? 0) == 0 && (c.Os?.Count ?? 0) == 0 && (c.Country?.Count ?? 0) == 0 && (c.Language?.Count ?? 0) == 0
            && c.From is null && c.Until is null);

    private static void CheckScanLimit(ScanLimit? limit, string at, List<QrCodeProblem> problems)
    {
        if (limit is null)
        {
            return;
        }

        if (limit.Scans is < 1 or > RoutingVocabulary.MaxScanLimit)
        {
            problems.Add(new($"{at}.scans", $"A whole number from 1 to {RoutingVocabulary.MaxScanLimit:N0}.", "scan_limit_invalid"));
        }

        if (limit.FallbackDestination is not null && QrCodeRules.DestinationProblem(limit.FallbackDestination) is { } problem)
        {
            problems.Add(new($"{at}.fallbackDestination", problem, "destination_invalid"));
        }
    }

    private static bool IsEmpty(UtmParameters? utm) =>
        utm is null || (utm.Source is null && utm.Medium is null && utm.Campaign is null && utm.Term is null && utm.Content is null);

    private static void CheckTarget(string? destination, IReadOnlyList<RoutingVariant>? variants, string at, List<QrCodeProblem> problems)
    {
        if (variants is not null)
        {
            if (destination is not null)
            {
                problems.Add(new($"{at}.destination", "Give either a destination or variants, not both.", "destination_conflict"));
            }

            CheckVariants(variants, $"{at}.variants", problems);
        }
        else if (QrCodeRules.DestinationProblem(destination) is { } problem)
        {
            problems.Add(new($"{at}.destination", problem, "destination_invalid"));
        }
    }

    private static void CheckVariants(IReadOnlyList<RoutingVariant> variants, string at, List<QrCodeProblem> problems)
    {
        if (variants.Count is < RoutingVocabulary.MinVariants or > RoutingVocabulary.MaxVariants)
        {
            problems.Add(new(at, $"Give {RoutingVocabulary.MinVariants} to {RoutingVocabulary.MaxVariants} variants.", "variants_count"));
            return;
        }

        var sum = 0;
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i] ?? new RoutingVariant();
            if (QrCodeRules.DestinationProblem(variant.Destination) is { } problem)
            {
                problems.Add(new($"{at}[{i}].destination", problem, "destination_invalid"));
            }

            if (variant.Weight is < 1 or > 99)
            {
                problems.Add(new($"{at}[{i}].weight", "A whole number from 1 to 99.", "weight_invalid"));
            }

            sum += Math.Clamp(variant.Weight, 0, 100);
            CheckUtm(variant.Utm, $"{at}[{i}].utm", problems);
        }

        if (sum != 100)
        {
            problems.Add(new(at, $"The weights sum to {sum}; they must sum to 100.", "weights_sum"));
        }
    }

    private static void CheckConditions(RoutingConditions? conditions, string at, List<QrCodeProblem> problems)
    {
        if (conditions is null)
        {
            return;
        }

        CheckValues(conditions.Device, RoutingVocabulary.Devices, $"{at}.device", "Use ios, android, other-mobile or desktop.", "device_invalid", problems);
        CheckValues(conditions.Os, RoutingVocabulary.OperatingSystems, $"{at}.os", "Use ios, android, windows, macos, linux, chromeos or windows-phone.", "os_invalid", problems);
        CheckValues(conditions.Country, RoutingVocabulary.Countries, $"{at}.country", "Use ISO 3166-1 alpha-2 country codes (FR, US, …).", "country_invalid", problems);
        CheckValues(conditions.Language, RoutingVocabulary.Languages, $"{at}.language", "Use ISO 639-1 language codes (fr, en, …).", "language_invalid", problems);
        if (conditions.TimeZone is not null && !KnownZone(conditions.TimeZone))
        {
            problems.Add(new($"{at}.timeZone", "Use an IANA time zone (Europe/Paris, America/New_York, UTC).", "time_zone_invalid"));
        }
        else if (conditions.TimeZone is not null && conditions.From is null && conditions.Until is null)
        {
            problems.Add(new($"{at}.timeZone", "A time zone needs from or until.", "time_zone_without_window"));
        }

        if (conditions.From is { } from && conditions.Until is { } until && until <= from)
        {
            problems.Add(new($"{at}.until", "The window must end after it starts.", "window_ends_before_start"));
        }
    }

    private static void CheckValues(IReadOnlyList<string>? values, IReadOnlySet<string> known, string at, string message, string code, List<QrCodeProblem> problems)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > RoutingVocabulary.MaxConditionValues)
        {
            problems.Add(new(at, $"At most {RoutingVocabulary.MaxConditionValues} values.", code));
            return;
        }

        if (values.FirstOrDefault(v => v is null || !known.Contains(v)) is var unknown && (unknown is not null || values.Contains(null!)))
        {
            problems.Add(new(at, $"'{unknown}' is not known. {message}", code));
        }
    }

    private static void CheckUtm(UtmParameters? utm, string at, List<QrCodeProblem> problems)
    {
        if (utm is null)
        {
            return;
        }

        foreach (var (name, value) in new[] { ("source", utm.Source), ("medium", utm.Medium), ("campaign", utm.Campaign), ("term", utm.Term), ("content", utm.Content) })
        {
            if (value is not null && (value.Length is 0 or > RoutingVocabulary.MaxUtmLength || value.Any(char.IsControl)))
            {
                problems.Add(new($"{at}.{name}", $"1 to {RoutingVocabulary.MaxUtmLength} characters, without control characters.", "utm_invalid"));
            }
        }
    }

    /// <summary>Whether <paramref name="zone"/> is an IANA zone this machine knows (UTC included).</summary>
    public static bool KnownZone(string zone) =>
        zone.Length is > 0 and <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId;
}
