using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.QrCodes.List;

public sealed record ListQrCodesRequest
{
    /// <summary>1–100, default 20.</summary>
    [QueryParam] public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [QueryParam] public string? Cursor { get; init; }

    /// <summary><c>static</c> or <c>dynamic</c>.</summary>
    [QueryParam] public string? Type { get; init; }

    /// <summary><c>active</c> or <c>paused</c>.</summary>
    [QueryParam] public string? Status { get; init; }

    [QueryParam] public string? Tag { get; init; }

    /// <summary>Case-insensitive substring of the name.</summary>
    [QueryParam] public string? Q { get; init; }

    /// <summary><c>-created_at</c> (default, newest first), <c>created_at</c>, <c>name</c>, <c>-name</c>.</summary>
    [QueryParam] public string? Sort { get; init; }
}

internal sealed class ListQrCodesValidator : Validator<ListQrCodesRequest>
{
    public ListQrCodesValidator()
    {
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).When(r => r.Limit is not null).WithErrorCode("limit_invalid");
        RuleFor(r => r.Type).Must(t => t is null || WireNames.TryParse<QrCodeType>(t, out _)).WithErrorCode("type_invalid").WithMessage("Use static or dynamic.");
        RuleFor(r => r.Status).Must(s => s is null || WireNames.TryParse<QrCodeState>(s, out _)).WithErrorCode("status_invalid").WithMessage("Use active or paused.");
        RuleFor(r => r.Sort).Must(s => s is null or "created_at" or "-created_at" or "name" or "-name").WithErrorCode("sort_invalid")
            .WithMessage("Use created_at, -created_at, name or -name.");
        RuleFor(r => r.Q).MaximumLength(200);
        RuleFor(r => r.Tag).MaximumLength(QrCodeRules.MaxTagLength);
        RuleFor(r => r.Cursor).MaximumLength(600).Must(c => c is null || Cursor.TryDecode(c, out _, out _)).WithErrorCode("cursor_invalid")
            .WithMessage("Use the nextCursor of a previous page.");
    }
}
