using System.Globalization;
using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.Batches.List;

public sealed record ListBatchesRequest
{
    /// <summary>1–100, default 20.</summary>
    [QueryParam] public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [QueryParam] public string? Cursor { get; init; }
}

internal sealed class ListBatchesValidator : Validator<ListBatchesRequest>
{
    public ListBatchesValidator()
    {
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).When(r => r.Limit is not null).WithErrorCode("limit_invalid");
        RuleFor(r => r.Cursor).MaximumLength(600)
            .Must(c => c is null || (QrCodes.List.Cursor.TryDecode(c, out var key, out _) && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            .WithErrorCode("cursor_invalid").WithMessage("Use the nextCursor of a previous page.");
    }
}

