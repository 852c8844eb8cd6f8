using FastEndpoints;
using FluentValidation;
using QrAspire.Data.Model;
using QrAspire.QrEngine.Payloads;

namespace QrAspire.Api.Features.QrCodes.Create;

public sealed record CreateQrCodeRequest
{
    public string Name { get; init; } = "";

    /// <summary><c>static</c> (content encoded directly) or <c>dynamic</c> (a short link to <see cref="Destination"/>).</summary>
    public string Type { get; init; } = "";

    public QrContent? Content { get; init; }
    public string? Destination { get; init; }

    /// <summary>A custom short code (dynamic only); otherwise an unguessable one is made.</summary>
    public string? ShortCode { get; init; }

    public int? RedirectStatus { get; init; }
    public string? Status { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public QrCodeStyle? Style { get; init; }

    /// <summary>The engine's checks of content and style, once <see cref="CreateQrCodeValidator"/> has passed.</summary>
    internal QrCodeProblem? CheckEncodable(RedirectLinks links) => Type == "dynamic"
        ? QrCodeChecks.Check(new UrlPayload(links.For(ShortCode ?? new string('x', ShortCodes.GeneratedLength))), Style)
        : QrCodeChecks.Check(Content!.ToPayload(), Style);

    /// <summary>The code to create, once valid.</summary>
    internal QrCodeSpec ToSpec() => new()
    {
        Name = Name.Trim(),
        Kind = Type == "dynamic" ? QrCodeKind.Dynamic : QrCodeKind.Static,
        Content = Type == "dynamic" ? null : Content,
        Destination = Type == "dynamic" ? Destination : null,
        ShortCode = Type == "dynamic" ? ShortCode : null,
        RedirectStatus = RedirectStatus ?? 302,
        Paused = Status == "paused",
        ExpiresAt = ExpiresAt?.ToUniversalTime(),
        Tags = QrCodeRules.NormalizeTags(Tags).Tags,
        Style = Style,
    };
}

internal sealed class CreateQrCodeValidator : Validator<CreateQrCodeRequest>
{
    public CreateQrCodeValidator()
    {
        RuleFor(r => r.Name).Must(QrCodeRules.IsValidName).WithErrorCode("name_invalid").WithMessage("Give a name of 1 to 200 characters, without control characters.");
        RuleFor(r => r.Type).Must(t => t is "static" or "dynamic").WithErrorCode("type_invalid").WithMessage("Use static or dynamic.");
        When(r => r.Type == "static", () =>
        {
            RuleFor(r => r.Content).NotNull().WithErrorCode("content_required").WithMessage("A static code needs content.");
            RuleFor(r => r.Destination).Null().WithErrorCode("destination_not_allowed").WithMessage("Only dynamic codes have a destination.");
            RuleFor(r => r.ShortCode).Null().WithErrorCode("short_code_not_allowed").WithMessage("Only dynamic codes have a short code.");
            RuleFor(r => r.RedirectStatus).Null().WithErrorCode("redirect_status_not_allowed").WithMessage("Only dynamic codes redirect.");
        });
        When(r => r.Type == "dynamic", () =>
        {
            RuleFor(r => r.Content).Null().WithErrorCode("content_not_allowed").WithMessage("A dynamic code encodes its short link; set destination instead.");
            RuleFor(r => r.Destination).Must(d => QrCodeRules.DestinationProblem(d) is null).WithErrorCode("destination_invalid")
                .WithMessage(r => QrCodeRules.DestinationProblem(r.Destination) ?? "");
            RuleFor(r => r.ShortCode).Must(c => c is null || QrCodeRules.ShortCodeProblem(c) is null).WithErrorCode("short_code_invalid")
                .WithMessage(r => r.ShortCode is null ? "" : QrCodeRules.ShortCodeProblem(r.ShortCode) ?? "");
        });
        RuleFor(r => r.RedirectStatus).Must(s => s is null || QrCodeRules.RedirectStatuses.Contains(s.Value)).WithErrorCode("redirect_status_invalid")
            .WithMessage("Use 301, 302 or 307.");
        RuleFor(r => r.Status).Must(s => s is null or "active" or "paused").WithErrorCode("status_invalid").WithMessage("Use active or paused.");
        RuleFor(r => r.ExpiresAt).Must(e => e is null || e.Value.ToUniversalTime() > DateTime.UtcNow).WithErrorCode("expires_at_past")
            .WithMessage("Give a time in the future (UTC).");
        RuleFor(r => r.Tags).Must(t => QrCodeRules.NormalizeTags(t).Problem is null).WithErrorCode("tags_invalid")
            .WithMessage(r => QrCodeRules.NormalizeTags(r.Tags).Problem ?? "");
    }
}
