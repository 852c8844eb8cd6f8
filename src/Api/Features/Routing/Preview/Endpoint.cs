using System.Net;
using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Platform.Routing;

namespace QrAspire.Api.Features.Routing.Preview;

/// <summary>
/// Answers "which destination would this visitor get?" by compiling the routing exactly as a Redirector does on a
/// cache fill and evaluating one sample scan: the console's rule tester agrees with the edge by construction.
/// </summary>
internal sealed class RoutingPreviewEndpoint(TimeProvider clock) : Endpoint<RoutingPreviewRequest, RoutingPreviewResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.RoutingPreview);
        Policies(ApiScopes.CodesRead);
        Summary(s =>
        {
            s.Summary = "Preview where a visitor goes";
            s.Description = "Evaluates a dynamic code's routing (saved or not) for one sample visitor — user agent, country, "
                + "Accept-Language, time and address — with the redirect edge's own rule engine, and says which rule and A/B "
                + "variant answered and how the visitor was classified. Nothing is stored.";
            s.ExampleRequest = new RoutingPreviewRequest
            {
                Destination = "https://example.com/app",
                Routing = new QrCodeRouting
                {
                    Rules = [new RoutingRule { Conditions = new RoutingConditions { Device = ["ios"] }, Destination = "https://apps.apple.com/app/id1" }],
                },
                Visitor = new RoutingVisitor { UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1" },
            };
            s.Responses[200] = "Where the visitor goes.";
            s.Responses[400] = "The destination, routing or visitor is invalid (problem+json naming the field).";
        });
    }

    public override async Task HandleAsync(RoutingPreviewRequest request, CancellationToken ct)
    {
        var visitor = request.Visitor ?? new RoutingVisitor();
        var destination = request.Destination!;
        var routing = RoutingCompiler.Compile(request.Routing ?? new QrCodeRouting(), destination);
        var ticks = (visitor.At ?? clock.GetUtcNow()).UtcTicks;
        var address = visitor.Address is { } text ? IPAddress.Parse(text) : null;
        var sample = new Visitor(visitor.UserAgent, visitor.Country, visitor.AcceptLanguage, address, request.ShortCode ?? "", ticks);
        var answer = routing.Evaluate(sample, SafeLocation.Of(destination));
        await Send.OkAsync(new RoutingPreviewResponse
        {
            Location = answer.Location.ToString(),
            Rule = answer.Rule < 0 ? null : answer.Rule,
            Variant = answer.Variant < 0 ? null : answer.Variant,
            Bucket = sample.Bucket,
            Device = sample.Device,
            Os = sample.OsName,
            Language = sample.Language.IsEmpty ? null : sample.Language.ToString(),
        }, ct);
    }
}
