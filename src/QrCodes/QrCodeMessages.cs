namespace QrAspire.QrCodes;

/// <summary>What people are told when a code's field is refused: one wording wherever a code is made or changed.</summary>
public static class QrCodeMessages
{
    /// <summary>A name that is empty, too long or holds control characters.</summary>
    public const string NameInvalid = "Give a name of 1 to 200 characters, without control characters.";

    /// <summary>A type other than static or dynamic.</summary>
    public const string TypeInvalid = "Use static or dynamic.";

    /// <summary>A status other than active or paused.</summary>
    public const string StatusInvalid = "Use active or paused.";

    /// <summary>A redirect status other than 301, 302 or 307.</summary>
    public const string RedirectStatusInvalid = "Use 301, 302 or 307.";

    /// <summary>A redirect status on a static code.</summary>
    public const string RedirectStatusNotAllowed = "Only dynamic codes redirect.";

    /// <summary>An expiry that has passed.</summary>
    public const string ExpiresAtPast = "Give a time in the future (UTC).";

    /// <summary>A logo id the account does not have.</summary>
    public const string LogoNotFound = "No such logo on your account.";

    /// <summary>An image format the engine does not write.</summary>
    public const string FormatUnsupported = "Use png, svg, pdf, eps, jpg or webp.";
}
