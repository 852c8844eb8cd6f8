using QrAspire.Api.Common;
using QrAspire.Data.Webhooks;

namespace QrAspire.Api.Features.Webhooks;

/// <summary>The checks of an endpoint's URL (shape and SSRF guard, with a DNS lookup) and event types, as field errors.</summary>
internal static class WebhookChecks
{
    public const string UrlField = "url";
    public const string EventsField = "events";

    /// <summary>The normalised URL, or the problem naming <c>url</c>.</summary>
    public static async Task<(string? Url, Problem? Problem)> CheckUrlAsync(WebhookTargets targets, string? raw, CancellationToken ct)
    {
        var (uri, refusal) = targets.Parse(raw);
        if (uri is not null)
        {
            (_, refusal) = await targets.ResolveAsync(uri.Host, ct);
        }

        return refusal is null ? (uri!.AbsoluteUri, null) : (null, Problems.Field(UrlField, refusal.Reason, refusal.Code));
    }

    /// <summary>The distinct, known event types in a stable order, or the problem naming <c>events</c>.</summary>
    public static (IReadOnlyList<string>? Events, Problem? Problem) CheckEvents(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
        {
            return (null, Problems.Field(EventsField, "Subscribe to at least one event type: " + string.Join(", ", WebhookEventTypes.All) + ".", "webhook_events_required"));
        }

        if (events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e, StringComparer.Ordinal)) is { } unknown)
        {
            return (null, Problems.Field(EventsField, $"Unknown event type '{unknown}'; known: {string.Join(", ", WebhookEventTypes.All)}.", "webhook_event_unknown"));
        }

        return (WebhookEventTypes.All.Where(t => events.Contains(t, StringComparer.Ordinal)).ToList(), null);
    }
}
