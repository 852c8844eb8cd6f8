using System.Globalization;

namespace QrAspire.ServiceDefaults.Health;

/// <summary>
/// <c>--health-check [URL]</c>: the container health check without curl (the runtime images have no shell and no
/// curl). GETs <c>URL</c> (default <see cref="DefaultUrl"/>) with a 3 s timeout and exits 0 on a 2xx answer, else 1 —
/// Docker's HEALTHCHECK contract — after printing one line. Native-AOT-safe: HttpClient only, nothing reflected.
/// </summary>
public static class HealthCheckCommand
{
    /// <summary>The argument that selects this mode.</summary>
    public const string Argument = "--health-check";

    /// <summary>Checked when no URL is given: liveness on the container port of the Worker and the Redirector.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080" + ServiceDefaultsExtensions.AlivePath;

    /// <summary>How long the check waits for an answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// When <paramref name="args"/> starts with <c>--health-check</c>, runs the check and returns <see langword="true"/>
    /// with its exit code (0 healthy, 1 not); otherwise returns <see langword="false"/> and the service starts normally.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        if (args.Length == 0 || !string.Equals(args[0], Argument, StringComparison.Ordinal))
        {
            return false;
        }

        var (healthy, line) = Check(args.Length > 1 ? args[1] : DefaultUrl);
        Console.Out.WriteLine(line);
        exitCode = healthy ? 0 : 1;
        return true;
    }

    private static (bool Healthy, string Line) Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (false, $"health-check: unhealthy: '{url}' is not an http(s) URL");
        }

        using var handler = new SocketsHttpHandler
        {
            UseProxy = false, // a loopback check must never go through HTTP_PROXY
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response.IsSuccessStatusCode
                ? (true, $"health-check: healthy: {uri} answered {status}")
                : (false, $"health-check: unhealthy: {uri} answered {status}");
        }
        catch (OperationCanceledException)
        {
            return (false, $"health-check: unhealthy: {uri} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception)
        {
            return (false, $"health-check: unhealthy: {uri}: {OneLine(exception.InnerException?.Message ?? exception.Message)}");
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
