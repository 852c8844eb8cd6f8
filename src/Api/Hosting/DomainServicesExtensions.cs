using QrAspire.Api.Features.Domains;

namespace QrAspire.Api.Hosting;

internal static class DomainServicesExtensions
{
    /// <summary>Branded domains: <c>DNS_SERVER</c>, <c>RESERVED_DOMAINS</c> (validated now) and the TXT lookup.</summary>
    public static WebApplicationBuilder AddBrandedDomains(this WebApplicationBuilder builder)
    {
        var settings = DomainSettings.From(builder.Configuration, RedirectLinks.From(builder.Configuration).Host);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<DomainTxtLookup>();
        return builder;
    }
}
