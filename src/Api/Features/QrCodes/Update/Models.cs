using FastEndpoints;
using FluentValidation;

namespace QrAspire.Api.Features.QrCodes.Update;

/// <summary>
/// Fields to change; absent fields stay as they are. <c>tags</c> and <c>style</c> replace the whole value.
/// Send the ETag you read in <c>If-Match</c> to be sure nobody changed the code meanwhile (412 otherwise).
/// </summary>
public sealed record UpdateQrCodeRequest
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public QrContent? Content { get; init; }
    public string? Destination { get; init; }
    public int? RedirectStatus { get; init; }
    public string? Status { get; init; }
    public DateTime? ExpiresAt { get; init; }

    /// <summary>True to remove the expiry.</summary>
    public bool? RemoveExpiry { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }
    public QrCodeStyle? Style { get; init; }
}

internal sealed class UpdateQrCodeValidator : Validator<UpdateQrCodeRequest>
{
    public UpdateQrCodeValidator()
    {
        RuleFor(r => r.Name).Must(n => n is null || QrCodeRules.IsValidName(n)).WithErrorCode("name_invalid")
            .WithMessage("Give a name of 1 to 200 characters, without control characters.");
        RuleFor(r => r.Destination).Must(d => d is null || QrCodeRules.DestinationProblem(d) is null).WithErrorCode("destination_invalid")
            .WithMessage(r => QrCodeRules.DestinationProblem(r.Destination) ?? "");
        RuleFor(r => r.RedirectStatus).Must(s => s is null || QrCodeRules.RedirectStatuses.Contains(s.Value)).WithErrorCode("redirect_status_invalid")
            .WithMessage("Use 301, 302 or 307.");
        RuleFor(r => r.Status).Must(s => s is null or "active" or "paused").WithErrorCode("status_invalid").WithMessage("Use active or paused.");
        RuleFor(r => r.ExpiresAt).Must(e => e is null || e.Value.ToUniversalTime() > DateTime.UtcNow).WithErrorCode("expires_at_past")
            .WithMessage("Give a time in the future (UTC).");
        RuleFor(r => r.RemoveExpiry).Must((r, remove) => remove != true || r.ExpiresAt is null).WithErrorCode("expiry_conflict")
            .WithMessage("Either set expiresAt or remove the expiry, not both.");
        RuleFor(r => r.Tags).Must(t => QrCodeRules.NormalizeTags(t).Problem is null).WithErrorCode("tags_invalid")
            .WithMessage(r => QrCodeRules.NormalizeTags(r.Tags).Problem ?? "");
    }
}
