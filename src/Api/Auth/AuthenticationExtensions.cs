using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Auth;

internal static class AuthenticationExtensions
{
    private const string BearerOrApiKey = "bearer-or-api-key";

    /// <summary>
    /// JWT access tokens (HS256 only) and API keys, chosen per request by what it carries; one policy per scope.
    /// <c>JWT_*</c> and <c>PASSWORD_HASH_ITERATIONS</c> are validated now.
    /// </summary>
    public static void AddAuthentication(this WebApplicationBuilder builder)
    {
        var jwt = JwtSettings.From(builder.Configuration);
        var tokens = new AccessTokens(jwt, TimeProvider.System);
        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new PasswordHasher(ReadIterations(builder.Configuration)));
        builder.Services.AddScoped<RefreshTokens>();
        builder.Services.AddSingleton(LoginBudgets.From(builder.Configuration));
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddHostedService<ApiKeyCacheListener>();
        builder.Services.AddSingleton<ApiKeyRevocations>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApiKeyRevocations>());

        builder.Services.AddAuthentication(BearerOrApiKey)
            .AddPolicyScheme(BearerOrApiKey, null, options => options.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.IsPresent(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = tokens.ValidationParameters();
                options.Events = new JwtBearerEvents { OnTokenValidated = AccessTokenRevocation.CheckAsync };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoleRequiredResultHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiScopes.UserOnly, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => !context.User.IsApiKey()))
            .AddPolicy(ApiScopes.WorkspaceAdmin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => !context.User.IsApiKey())
                .AddRequirements(new WorkspaceRoleRequirement(WorkspaceRoles.Admin)))
            .AddPolicy(ApiScopes.CodesRead, policy => ScopeAndRole(policy, ApiScopes.CodesRead, WorkspaceRoles.Viewer))
            .AddPolicy(ApiScopes.CodesWrite, policy => ScopeAndRole(policy, ApiScopes.CodesWrite, WorkspaceRoles.Editor))
            .AddPolicy(ApiScopes.AnalyticsRead, policy => ScopeAndRole(policy, ApiScopes.AnalyticsRead, WorkspaceRoles.Viewer));
    }

    // A key's scope and a person's role are checked alike: a key is an editor at most, a person has every scope.
    private static void ScopeAndRole(AuthorizationPolicyBuilder policy, string scope, string role) => policy
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.User.HasScope(scope))
        .AddRequirements(new WorkspaceRoleRequirement(role));

    private static int ReadIterations(IConfiguration configuration)
    {
        var raw = configuration["PASSWORD_HASH_ITERATIONS"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return PasswordHasher.DefaultIterations;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1_000 and <= 10_000_000
            ? value
            : throw new SettingsException("PASSWORD_HASH_ITERATIONS", $"must be a whole number from 1000 to 10000000, got '{raw}'");
    }
}
