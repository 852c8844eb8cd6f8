using System.Net;
using FastEndpoints;
using FluentValidation;
using QrAspire.Api.Features.QrCodes;
using QrAspire.Platform.Routing;

namespace QrAspire.Api.Features.Routing.Preview;

internal sealed class RoutingPreviewValidator : Validator<RoutingPreviewRequest>
{
    /// <summary>Longer than any real browser's header; the edge reads no more than this either.</summary>
    private const int MaxHeaderLength = 1024;

    public RoutingPreviewValidator()
    {
        RuleFor(r => r.Destination).Must(d => QrCodeRules.DestinationProblem(d) is null).WithErrorCode("destination_invalid")
            .WithMessage(r => QrCodeRules.DestinationProblem(r.Destination) ?? "");
        RuleFor(r => r.Routing).RoutingIsValid();
        RuleFor(r => r.ShortCode).Must(c => c is null || QrCodeRules.ShortCodeProblem(c) is null).WithErrorCode("short_code_invalid")
            .WithMessage(r => r.ShortCode is null ? "" : QrCodeRules.ShortCodeProblem(r.ShortCode) ?? "");
        When(r => r.Visitor is not null, () =>
        {
            RuleFor(r => r.Visitor!.UserAgent).MaximumLength(MaxHeaderLength).OverridePropertyName("visitor.userAgent").WithErrorCode("user_agent_too_long")
                .WithMessage($"A user agent has at most {MaxHeaderLength} characters.");
            RuleFor(r => r.Visitor!.AcceptLanguage).MaximumLength(MaxHeaderLength).OverridePropertyName("visitor.acceptLanguage").WithErrorCode("accept_language_too_long")
                .WithMessage($"Accept-Language has at most {MaxHeaderLength} characters.");
            RuleFor(r => r.Visitor!.Country).Must(c => c is null || RoutingVocabulary.Countries.Contains(c)).OverridePropertyName("visitor.country").WithErrorCode("country_invalid")
                .WithMessage("Give an ISO 3166-1 alpha-2 country code, like FR.");
            RuleFor(r => r.Visitor!.Address).Must(a => a is null || IPAddress.TryParse(a, out _)).OverridePropertyName("visitor.address").WithErrorCode("address_invalid")
                .WithMessage("Give an IPv4 or IPv6 address, like 203.0.113.7.");
        });
    }
}
