using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using QrAspire.Platform.Redirects;
using QrAspire.Platform.Routing;
using QrAspire.Platform.Scans;
using QrAspire.Redirector.Protection;
using QrAspire.Redirector.Scans;

namespace QrAspire.Redirector.Redirects;

/// <summary>
/// Password-protected codes (<c>GET</c> answers a form, <c>POST /{code}</c> checks it) and scan-limited codes (past
/// the limit: the fallback destination or 410, either recorded as a limit-fallback scan).
/// </summary>
public static partial class RedirectEndpoints
{
    // A password of at most 128 characters, form-encoded (up to 12 bytes a character), fits; Kestrel's own body limit
    // (ConnectionLimits.MaxRequestBodyBytes) bounds the whole request.
    private const int MaxFormBytes = 4096;
    private const int MaxPasswordBytes = 1536;

    private static readonly StringValues OneSecond = "1";

    private sealed partial class Handler
    {
        public required CodeProtection Protection { get; init; }

        public async Task UnlockAsync(HttpContext context)
        {
            var started = Stopwatch.GetTimestamp();
            // The same key as a scan's: the same short code on two domains is two codes with two passwords.
            if (context.Request.RouteValues["code"] is not string code || !ShortCodeFormat.IsValid(code) || !hosts.TryKey(context.Request.Headers.Host, code, out var key))
            {
                metrics.Answered(StatusCodes.Status404NotFound, started);
                await WriteAsync(context, StatusCodes.Status404NotFound, NotFoundPage, Html, NoStore).ConfigureAwait(false);
                return;
            }

            RedirectEntry entry;
            try
            {
                entry = await cache.GetAsync(key).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or TimeoutException)
            {
                LogLookupFailed(logger, exception, code);
                metrics.Answered(StatusCodes.Status503ServiceUnavailable, started);
                context.Response.Headers.RetryAfter = RetryAfter;
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, UnavailablePage, Html, NoStore).ConfigureAwait(false);
                return;
            }

            if (entry.PasswordHash is not { } hash)
            {
                // Only a protected code takes a POST; any other answers GET and HEAD alone, as before.
                metrics.Answered(StatusCodes.Status405MethodNotAllowed, started);
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = GetHead;
                return;
            }

            if (!entry.RedirectsAt(DateTime.UtcNow.Ticks))
            {
                // Nothing to unlock (paused, deleted or expired): answer as a scan would.
                await AnswerAsync(context, code, entry, started, unlocked: true).ConfigureAwait(false);
                return;
            }

            var client = clientAddress.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);
            var wait = await Protection.Throttle.CountAsync(entry.QrId ?? key, client).ConfigureAwait(false);
            if (wait > TimeSpan.Zero)
            {
                metrics.Answered(StatusCodes.Status429TooManyRequests, started);
                context.Response.Headers.RetryAfter = GuessThrottle.RetryAfterSeconds(wait);
                await PasswordPage.WriteMessageAsync(context, StatusCodes.Status429TooManyRequests, "Too many attempts",
                    "Wait a minute, then scan the code again.").ConfigureAwait(false);
                return;
            }

            if (await ReadPasswordAsync(context).ConfigureAwait(false) is not { } password)
            {
                metrics.Answered(StatusCodes.Status400BadRequest, started);
                await PasswordPage.WriteAsync(context, code, StatusCodes.Status400BadRequest, "Type the password, then press Continue.").ConfigureAwait(false);
                return;
            }

            if (!Protection.Checks.TryVerify(password, hash, out var matches))
            {
                metrics.Answered(StatusCodes.Status503ServiceUnavailable, started);
                context.Response.Headers.RetryAfter = OneSecond;
                await PasswordPage.WriteMessageAsync(context, StatusCodes.Status503ServiceUnavailable, "Try again",
                    "Too many passwords are being checked right now. Go back and try again in a moment.").ConfigureAwait(false);
                return;
            }

            if (!matches)
            {
                metrics.Answered(StatusCodes.Status403Forbidden, started);
                await PasswordPage.WriteAsync(context, code, StatusCodes.Status403Forbidden, "That password is not right. Try again.").ConfigureAwait(false);
                return;
            }

            await AnswerAsync(context, code, entry, started, unlocked: true).ConfigureAwait(false);
        }

        private Task ChallengeAsync(HttpContext context, string code, long started)
        {
            metrics.Answered(StatusCodes.Status401Unauthorized, started);
            return PasswordPage.WriteAsync(context, code, StatusCodes.Status401Unauthorized, null);
        }

        private async Task LimitedRedirectAsync(HttpContext context, string code, RedirectEntry entry, CompiledRouting routing, RoutingAnswer answer,
            IPAddress? client, long now, long started)
        {
            var request = context.Request;
            var userAgent = request.Headers.UserAgent.ToString();
            // Counted as analytics count: a person's request, not HEAD and not a bot.
            var counts = !HttpMethods.IsHead(request.Method) && LinkPreviewBots.Match(userAgent) is null && !UserAgentClassifier.Classify(userAgent).IsBot;
            if (await Protection.Scans.TryCountAsync(entry.QrId!, counts, routing.ScanLimit).ConfigureAwait(false))
            {
                await RedirectAsync(context, code, entry, answer.Location, client, now, started, (short)answer.Rule, (short)answer.Variant).ConfigureAwait(false);
            }
            else if (routing.LimitLocation.Count > 0)
            {
                await RedirectAsync(context, code, entry, routing.LimitLocation, client, now, started, PendingScan.LimitFallback, PendingScan.NoVariant).ConfigureAwait(false);
            }
            else
            {
                metrics.Answered(StatusCodes.Status410Gone, started);
                // Still a scan, unlike a paused or expired code's 410: the owner reads how many came after the limit.
                await scans.EnqueueAsync(new PendingScan(Guid.CreateVersion7(), code, entry.QrId, now, client, userAgent, request.Headers.Referer,
                    request.Headers.AcceptLanguage, HttpMethods.IsHead(request.Method), PendingScan.LimitFallback, PendingScan.NoVariant)).ConfigureAwait(false);
                await WriteAsync(context, StatusCodes.Status410Gone, GonePage, Html, NoStore).ConfigureAwait(false);
            }
        }

        private static async Task<string?> ReadPasswordAsync(HttpContext context)
        {
            var request = context.Request;
            if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                || request.ContentLength > MaxFormBytes)
            {
                return null;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxFormBytes;
            }

            try
            {
                using var reader = new FormReader(request.Body, Encoding.UTF8) { ValueCountLimit = 8, KeyLengthLimit = 64, ValueLengthLimit = MaxPasswordBytes };
                var fields = await reader.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
                return fields.TryGetValue("password", out var value) && value.ToString() is { Length: > 0 } password ? password : null;
            }
            catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
            {
                return null;
            }
        }
    }
}
