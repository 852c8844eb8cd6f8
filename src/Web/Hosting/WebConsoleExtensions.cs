using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Http.Resilience;
using QrAspire.Web.Api;
using QrAspire.Web.Components;
using QrAspire.Web.Downloads;
using QrAspire.Web.Sessions;

namespace QrAspire.Web.Hosting;

/// <summary>The console's services and request pipeline.</summary>
internal static class WebConsoleExtensions
{
    public static void AddWebConsole(this WebApplicationBuilder builder)
    {
        var settings = WebSettings.From(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);

        // Kept keys: the session cookie and the stored tokens stay readable across restarts and replicas.
        builder.AddTransportSecurity(settings);
        builder.Services.AddSingleton(services => new SessionStore(
            services.GetRequiredService<IDataProtectionProvider>(), Path.Combine(settings.DataPath, "sessions")));

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "qraspire.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Outside Development the console is served over TLS (a proxy terminates it): never send the cookie
                // over plain HTTP, even when a request arrives that way.
                options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ConsoleAuthentication.ValidateSessionAsync;
            });
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy =
            builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<Components.Shared.BrowserTime>();

        // The service defaults retry every request; a retried POST could create a code twice, so here only safe
        // methods are retried. (RemoveAllResilienceHandlers is marked experimental; it is the documented way.)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<ApiClient>(http => http.BaseAddress = settings.ApiBaseUrl)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<AccountsClient>();
        builder.Services.AddScoped<QrCodesClient>();
        builder.Services.AddScoped<BatchesClient>();
        builder.Services.AddScoped<AnalyticsClient>();
        builder.Services.AddScoped<ApiKeysClient>();
        builder.Services.AddScoped<BrandKitsClient>();
        builder.Services.AddScoped<DomainsClient>();
        builder.Services.AddScoped<WebhooksClient>();
        builder.Services.AddScoped<AuditClient>();
        builder.Services.AddScoped<WorkspacesClient>();
        builder.Services.AddScoped<CurrentWorkspace>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    }

    public static void UseWebConsole(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapConsoleAccountEndpoints();
        app.MapDownloads();
        // Our own header already says frame-ancestors 'none'; Blazor's second one ('self') would only confuse.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
    }
}
