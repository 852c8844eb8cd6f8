using System.Globalization;

namespace QrAspire.Api.Features.Analytics;

/// <summary>Buckets of the time series.</summary>
public enum AnalyticsInterval
{
    Hour,
    Day,
    Week,
}

/// <summary>
/// What an analytics request asks for, read from the query string: <c>from</c>, <c>to</c> (ISO 8601 instants on whole
/// hours, <c>to</c> exclusive; default the last 30 days), <c>interval</c> (<c>hour</c>, <c>day</c>, <c>week</c>; default
/// <c>day</c>), <c>tz</c> (IANA; default <c>UTC</c>), <c>includeBots</c> (default false: bots and HEAD link checkers
/// are left out), <c>format</c> (<c>json</c> or <c>csv</c>).
/// </summary>
public sealed record AnalyticsQuery(DateTime From, DateTime To, AnalyticsInterval Interval, TimeZoneInfo TimeZone, bool IncludeBots, bool Csv)
{
    /// <summary>The longest range: about three years of hourly rollups.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(1100);

    /// <summary>The longest range an hourly series may cover.</summary>
    public static readonly TimeSpan MaxHourlyRange = TimeSpan.FromDays(31);

    /// <summary>Reads and validates the query; field errors for everything wrong at once.</summary>
    public static (AnalyticsQuery? Query, List<FieldError> Errors) Parse(IQueryCollection query, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        var defaultTo = new DateTime(utcNow.Ticks - (utcNow.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc).AddHours(1);
        var to = Instant(query, "to", errors) ?? defaultTo;
        var from = Instant(query, "from", errors) ?? to.AddDays(-30);

        var interval = AnalyticsInterval.Day;
        if (query["interval"].ToString() is { Length: > 0 } intervalText && !Enum.TryParse(intervalText, ignoreCase: true, out interval) | int.TryParse(intervalText, out _))
        {
            errors.Add(new FieldError("interval", "must be hour, day or week", "interval"));
        }

        var timeZone = TimeZoneInfo.Utc;
        if (query["tz"].ToString() is { Length: > 0 } tz && (tz.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out timeZone!)))
        {
            timeZone = TimeZoneInfo.Utc;
            errors.Add(new FieldError("tz", "must be an IANA time zone such as Europe/Zurich", "tz"));
        }

        var includeBots = false;
        if (query["includeBots"].ToString() is { Length: > 0 } bots && !bool.TryParse(bots, out includeBots))
        {
            errors.Add(new FieldError("includeBots", "must be true or false", "boolean"));
        }

        var csv = false;
        switch (query["format"].ToString().ToLowerInvariant())
        {
            case "" or "json":
                break;
            case "csv":
                csv = true;
                break;
            default:
                errors.Add(new FieldError("format", "must be json or csv", "format"));
                break;
        }

        if (errors.Count == 0)
        {
            if (to <= from)
            {
                errors.Add(new FieldError("to", "must be after from", "range"));
            }
            else if (to - from > MaxRange)
            {
                errors.Add(new FieldError("from", $"the range may span at most {MaxRange.TotalDays:F0} days", "range"));
            }
            else if (interval == AnalyticsInterval.Hour && to - from > MaxHourlyRange)
            {
                errors.Add(new FieldError("interval", $"hourly series may span at most {MaxHourlyRange.TotalDays:F0} days; use day or week", "range"));
            }
        }

        return errors.Count == 0 ? (new AnalyticsQuery(from, to, interval, timeZone, includeBots, csv), errors) : (null, errors);
    }

    // Rollups are hourly: an instant that is not on a whole hour cannot be answered exactly, so it is refused.
    private static DateTime? Instant(IQueryCollection query, string name, List<FieldError> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            || value.Year < 2000 || value.Year > 9000)
        {
            errors.Add(new FieldError(name, "must be an ISO 8601 date-time such as 2026-03-29T00:00:00+01:00", "date_time"));
            return null;
        }

        var utc = value.UtcDateTime;
        if (utc.Ticks % TimeSpan.TicksPerHour != 0)
        {
            errors.Add(new FieldError(name, "must be on a whole hour (scans are counted per hour)", "whole_hour"));
            return null;
        }

        return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }
}
