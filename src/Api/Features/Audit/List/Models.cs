using System.Globalization;
using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Audit.List;

public sealed record ListAuditRequest
{
    /// <summary>Entries per page, 1–200, default 50 (JSON only; the CSV holds every matching entry).</summary>
    [QueryParam] public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [QueryParam] public string? Cursor { get; init; }

    /// <summary>Only this action, e.g. <c>qr_code.updated</c>.</summary>
    [QueryParam] public string? Action { get; init; }

    /// <summary>Only entries by this account or API key id.</summary>
    [QueryParam] public string? Actor { get; init; }

    /// <summary>Only entries about this target id.</summary>
    [QueryParam] public string? TargetId { get; init; }

    /// <summary>Entries at or after this instant (ISO 8601).</summary>
    [QueryParam] public string? From { get; init; }

    /// <summary>Entries before this instant (ISO 8601).</summary>
    [QueryParam] public string? To { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>.</summary>
    [QueryParam] public string? Format { get; init; }

    internal DateTime? FromUtc => Instant(From);

    internal DateTime? ToUtc => Instant(To);

    internal long? Before => long.TryParse(Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal static DateTime? Instant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.UtcDateTime : null;
}

internal sealed class ListAuditValidator : Validator<ListAuditRequest>
{
    public ListAuditValidator()
    {
        RuleFor(r => r.Limit).InclusiveBetween(1, 200).When(r => r.Limit is not null).WithErrorCode("limit_invalid");
        RuleFor(r => r.Cursor).Must(c => c is null || long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            .WithErrorCode("cursor_invalid").WithMessage("Use the nextCursor of a previous page.");
        RuleFor(r => r.Action).Must(a => a is null || AuditActions.All.Contains(a)).WithErrorCode("action_invalid")
            .WithMessage($"Use one of: {string.Join(", ", AuditActions.All)}.");
        RuleFor(r => r.Actor).MaximumLength(32).WithErrorCode("actor_invalid");
        RuleFor(r => r.TargetId).MaximumLength(64).WithErrorCode("target_id_invalid");
        RuleFor(r => r.From).Must(f => f is null || ListAuditRequest.Instant(f) is not null).WithErrorCode("from_invalid")
            .WithMessage("Use an ISO 8601 instant, e.g. 2026-01-31T00:00:00Z.");
        RuleFor(r => r.To).Must(t => t is null || ListAuditRequest.Instant(t) is not null).WithErrorCode("to_invalid")
            .WithMessage("Use an ISO 8601 instant, e.g. 2026-01-31T00:00:00Z.");
        RuleFor(r => r.To).Must((r, _) => r.FromUtc < r.ToUtc).When(r => r.FromUtc is not null && r.ToUtc is not null).WithErrorCode("range_invalid")
            .WithMessage("to must be after from.");
        RuleFor(r => r.Format).Must(f => f is null or "json" or "csv").WithErrorCode("format_invalid").WithMessage("Use json or csv.");
    }
}
