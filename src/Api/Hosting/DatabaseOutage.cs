using System.Data.Common;
using System.Net.Sockets;

namespace QrAspire.Api.Hosting;

/// <summary>
/// Tells a failure of the database connection (server restarting, shutting down, unreachable) from a fault of ours:
/// the first is answered 503 <c>unavailable</c> with <c>Retry-After</c>, the second stays a 500.
/// </summary>
internal static class DatabaseOutage
{
    /// <summary>A restarted PostgreSQL accepts connections again within seconds.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>
    /// True when <paramref name="error"/> or an exception inside it is a transient database error (the providers set
    /// <see cref="DbException.IsTransient"/> for lost and refused connections and for a server shutting down) or a
    /// socket error. EF Core wraps them (e.g. "An exception has been raised that is likely due to a transient failure").
    /// </summary>
    public static bool IsCause(Exception? error)
    {
        for (var depth = 0; error is not null && depth < 8; depth++, error = error.InnerException)
        {
            if (error is DbException { IsTransient: true } or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
