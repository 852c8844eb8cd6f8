using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using QrAspire.Platform.Http;
using QrAspire.Platform.Redirects;
using QrAspire.Platform.Routing;
using QrAspire.Platform.Scans;
using QrAspire.Redirector.Domains;
using QrAspire.Redirector.Hosting;
using QrAspire.Redirector.Protection;
using QrAspire.Redirector.Scans;
using QrAspire.Redirector.Telemetry;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// <c>GET</c>/<c>HEAD /{code}</c>. Literal routes (<c>/health</c>, <c>/alive</c>, <c>/metrics</c>,
/// <c>/favicon.ico</c>, <c>/robots.txt</c>) win over the parameter, so they never reach a lookup; anything else
/// that is not a well-formed code gets the 404 page without one.
/// </summary>
public static partial class RedirectEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    // Pages and headers are constants: computed once, written without allocating.
    private static readonly byte[] NotFoundPage =
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Not found</title><h1>This QR code does not exist</h1><p>Check the code and try again.</p></html>\n"u8.ToArray();

    private static readonly byte[] GonePage =
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>No longer available</title><h1>This QR code is no longer active</h1><p>Its owner has paused, expired or removed it.</p></html>\n"u8.ToArray();

    private static readonly byte[] UnavailablePage =
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Try again</title><h1>This QR code cannot be looked up right now</h1><p>Scan it again in a moment.</p></html>\n"u8.ToArray();

    private static readonly byte[] RobotsTxt = "User-agent: *\nDisallow: /\n"u8.ToArray();
    private static readonly StringValues Html = "text/html; charset=utf-8";
    private static readonly StringValues Text = "text/plain; charset=utf-8";
    private static readonly StringValues NoStore = "no-store";
    private static readonly StringValues OneDay = "public, max-age=86400";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues GetHead = "GET, HEAD";
    private static readonly StringValues RetryAfter = "2";

    public static WebApplication MapRedirects(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<RedirectorSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedirectEndpoints));
        var countries = app.Services.GetService<CountryDatabase>();
        if (countries is null && settings.GeoIpDatabasePath is { } missing)
        {
            LogNoCountryDatabase(logger, missing);
        }

        var handler = new Handler(app.Services.GetRequiredService<RedirectCache>(), app.Services.GetRequiredService<ScanWriter>(),
            app.Services.GetRequiredService<ClientAddress>(), app.Services.GetRequiredService<RedirectorMetrics>(),
            settings.CountryHeader, app.Services.GetRequiredService<HostRouting>(), logger)
        {
            Protection = app.Services.GetRequiredService<CodeProtection>(),
            Countries = countries,
        };
        app.MapMethods("/favicon.ico", Methods, static context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = OneDay;
            return Task.CompletedTask;
        });
        app.MapMethods("/robots.txt", Methods, static context => WriteAsync(context, StatusCodes.Status200OK, RobotsTxt, Text, OneDay));
        app.MapMethods("/{code}", Methods, handler.RedirectAsync);
        app.MapPost("/{code}", handler.UnlockAsync);
        app.MapFallback(static context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = GetHead;
                return Task.CompletedTask;
            }

            return WriteAsync(context, StatusCodes.Status404NotFound, NotFoundPage, Html, NoStore);
        });
        return app;
    }

    // Singletons captured once: resolving from RequestServices would create a DI scope per request.
    private sealed partial class Handler(RedirectCache cache, ScanWriter scans, ClientAddress clientAddress, RedirectorMetrics metrics, string countryHeader, HostRouting hosts, ILogger logger)
    {
        /// <summary>Where a country comes from when no trusted proxy names one; null without a GeoIP database.</summary>
        public CountryDatabase? Countries { get; init; }

        public Task RedirectAsync(HttpContext context)
        {
            var started = Stopwatch.GetTimestamp();
            // The cache key names the code's domain: the same short code on two domains is two entries.
            if (context.Request.RouteValues["code"] is not string code || !ShortCodeFormat.IsValid(code) || !hosts.TryKey(context.Request.Headers.Host, code, out var key))
            {
                metrics.Answered(StatusCodes.Status404NotFound, started);
                return WriteAsync(context, StatusCodes.Status404NotFound, NotFoundPage, Html, NoStore);
            }

            var pending = cache.GetAsync(key);
            // An L1 hit completes synchronously: answer without an async state machine.
            return pending.IsCompletedSuccessfully
                ? AnswerAsync(context, code, pending.Result, started)
                : AwaitThenAnswerAsync(context, code, pending, started);
        }

        private async Task AwaitThenAnswerAsync(HttpContext context, string code, ValueTask<RedirectEntry> pending, long started)
        {
            RedirectEntry entry;
            try
            {
                entry = await pending.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or TimeoutException)
            {
                // A code in neither cache level while the database is away: no answer is known, so none is guessed
                // (a 404 would be cached by nobody but believed by the person scanning). The phone may retry.
                LogLookupFailed(logger, exception, code);
                metrics.Answered(StatusCodes.Status503ServiceUnavailable, started);
                context.Response.Headers.RetryAfter = RetryAfter;
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, UnavailablePage, Html, NoStore).ConfigureAwait(false);
                return;
            }

            await AnswerAsync(context, code, entry, started).ConfigureAwait(false);
        }

        private Task AnswerAsync(HttpContext context, string code, RedirectEntry entry, long started, bool unlocked = false)
        {
            var now = DateTime.UtcNow.Ticks;
            if (entry.RedirectsAt(now))
            {
                if (entry.PasswordHash is not null && !unlocked)
                {
                    return ChallengeAsync(context, code, started);
                }

                var request = context.Request;
                var client = clientAddress.Resolve(context.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"]);
                if (entry.Compiled is not { } routing)
                {
                    return RedirectAsync(context, code, entry, entry.LocationHeader, client, now, started, PendingScan.NoRule, PendingScan.NoVariant);
                }

                var answer = routing.NeedsVisitor
                    ? routing.Evaluate(VisitorOf(context, code, routing, client, now), entry.LocationHeader)
                    : routing.Evaluate(default, entry.LocationHeader);
                if (routing.ScanLimit > 0)
                {
                    return LimitedRedirectAsync(context, code, entry, routing, answer, client, now, started);
                }

                return RedirectAsync(context, code, entry, answer.Location, client, now, started, (short)answer.Rule, (short)answer.Variant);
            }

            if (entry.FallsBackAt(now))
            {
                var client = clientAddress.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);
                return RedirectAsync(context, code, entry, entry.Compiled!.ExpiredLocation, client, now, started, PendingScan.ExpiredFallback, PendingScan.NoVariant);
            }

            var gone = entry.State != RedirectState.NotFound;
            var status = gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
            metrics.Answered(status, started);
            return WriteAsync(context, status, gone ? GonePage : NotFoundPage, Html, NoStore);
        }

        private Visitor VisitorOf(HttpContext context, string code, CompiledRouting routing, System.Net.IPAddress? client, long now)
        {
            var headers = context.Request.Headers;
            // The country header is believed only from a trusted proxy, like X-Forwarded-For: anyone else could send it.
            // Without one, the GeoIP database answers for the client's address (itself resolved through trusted proxies),
            // except for private and other special-purpose addresses, which the installed database maps to countries.
            var country = routing.NeedsCountry && countryHeader.Length > 0 && clientAddress.IsTrustedProxy(context.Connection.RemoteIpAddress)
                ? headers[countryHeader].ToString()
                : null;
            if (routing.NeedsCountry && string.IsNullOrWhiteSpace(country) && Countries is { } countries && client is not null && !SpecialPurposeAddresses.Contains(client))
            {
                country = countries.CountryOf(client);
            }

            return new Visitor(headers.UserAgent.ToString(), country, headers.AcceptLanguage.ToString(), client, code, now);
        }

        private Task RedirectAsync(HttpContext context, string code, RedirectEntry entry, StringValues location, System.Net.IPAddress? client, long now, long started, short rule, short variant)
        {
            var response = context.Response;
            // After the password form's POST, 303 makes every browser follow with a GET.
            response.StatusCode = HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status303SeeOther : entry.Status;
            response.Headers.Location = location;
            response.Headers.CacheControl = entry.CacheControlHeader;
            response.ContentLength = 0;
            metrics.Answered(response.StatusCode, started);
            var request = context.Request;
            var scan = new PendingScan(Guid.CreateVersion7(), code, entry.QrId, now, client,
                request.Headers.UserAgent, request.Headers.Referer, request.Headers.AcceptLanguage, HttpMethods.IsHead(request.Method), rule, variant);
            // The redirect is sent when this task completes: once the scan is in Redis or a spill file, so no answered
            // redirect's scan is lost to a crash. Concurrent redirects share one push.
            return scans.EnqueueAsync(scan);
        }
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body, StringValues contentType, StringValues cacheControl)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = cacheControl;
        response.Headers[HeaderNames.XContentTypeOptions] = NoSniff;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body.AsMemory(), CancellationToken.None).AsTask();
    }

    [LoggerMessage(EventId = 21, EventName = "geoip_missing", Level = LogLevel.Warning, Message = "no GeoIP database at {path}: country rules match only a trusted proxy's country header")]
    private static partial void LogNoCountryDatabase(ILogger logger, string path);

    [LoggerMessage(EventId = 20, EventName = "lookup_failed", Level = LogLevel.Warning, Message = "looking up {code} failed (database unreachable); answered 503")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, string code);
}
