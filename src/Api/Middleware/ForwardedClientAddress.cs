using QrAspire.Platform.Http;

namespace QrAspire.Api.Middleware;

/// <summary>
/// Puts the real client's address in <see cref="ConnectionInfo.RemoteIpAddress"/> when the request came through a
/// proxy listed in <c>TRUSTED_PROXIES</c> (an ingress, the web console), so that per-address rate limits and sign-in
/// throttling count each person, not the proxy everyone shares. From any other peer <c>X-Forwarded-For</c> is ignored.
/// </summary>
internal sealed class ForwardedClientAddress(RequestDelegate next, ClientAddress clientAddress)
{
    public Task InvokeAsync(HttpContext context)
    {
        var connection = context.Connection;
        connection.RemoteIpAddress = clientAddress.Resolve(connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);
        return next(context);
    }
}
