using QrAspire.Web.Api;

namespace QrAspire.Web.Components.Pages.Account;

/// <summary>The fields of the account forms.</summary>
public sealed class AccountForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
}

internal static class AccountPages
{
    /// <summary>Where to go after signing in: only a path on this site, never another origin.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>An unreachable Api as a form error, so the page says what happened and the user can submit again.</summary>
    public static ApiError Unreachable(ApiUnavailableException exception) =>
        new(503, exception.Message + " Please try again in a moment.", null, [], []);
}
