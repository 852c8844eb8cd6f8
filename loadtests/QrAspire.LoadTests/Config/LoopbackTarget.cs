namespace QrAspire.LoadTests.Config;

/// <summary>Base URLs the harness may load: http(s) on loopback only, so it can never be pointed at someone else.</summary>
public static class LoopbackTarget
{
    public static Uri Parse(string option, string? text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ProfileException([$"{option}: '{text}' is not an http(s) URL"]);
        }

        // Uri.IsLoopback accepts "localhost", 127.0.0.0/8 and ::1, without a DNS lookup that could be pointed elsewhere.
        return uri.IsLoopback
            ? uri
            : throw new ProfileException([$"{option}: '{text}' is not on loopback; the harness only loads this machine (localhost, 127.0.0.1, ::1)"]);
    }
}
