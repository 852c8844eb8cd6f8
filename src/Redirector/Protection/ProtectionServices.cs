using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QrAspire.Redirector.Protection;

public static class ProtectionServices
{
    /// <summary>Password checks, the guess throttle and the scan counter, with their settings validated now.</summary>
    public static WebApplicationBuilder AddCodeProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(ProtectionSettings.From(builder.Configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordChecks>();
        services.AddSingleton<GuessThrottle>();
        services.AddSingleton<ScanCounter>();
        services.AddSingleton<CodeProtection>();
        return builder;
    }
}
