using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace QrAspire.Api.Tests;

/// <summary>Makes every request of an in-process Api arrive from one address, as a connection from it would.</summary>
internal sealed class PeerAddress(IPAddress peer) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = peer;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>An address no other test uses (TEST-NET-2 and benchmarking space are too small to draw from at random).</summary>
    public static IPAddress NewIPv4() => new([10, (byte)RandomNumberGenerator.GetInt32(256), (byte)RandomNumberGenerator.GetInt32(256), (byte)RandomNumberGenerator.GetInt32(1, 255)]);

    /// <summary>A random /64 in the documentation prefix 2001:db8::/32, as its first eight bytes.</summary>
    public static byte[] NewIPv6Network()
    {
        var bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        RandomNumberGenerator.Fill(bytes.AsSpan(4, 4));
        return bytes;
    }

    /// <summary>Host <paramref name="host"/> in the /64 <paramref name="network"/>.</summary>
    public static IPAddress InNetwork(byte[] network, byte host)
    {
        var bytes = (byte[])network.Clone();
        bytes[15] = host;
        return new IPAddress(bytes);
    }
}
