using System.Net;
using System.Net.Sockets;

namespace QrAspire.AppHost.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (servers started as executables need a fixed one).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
