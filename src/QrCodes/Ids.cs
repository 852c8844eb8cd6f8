namespace QrAspire.QrCodes;

/// <summary>Public ids: a prefix naming the kind (<c>qr_</c>, <c>usr_</c>, <c>key_</c>, <c>logo_</c>) and 20 random base62 characters.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Base62.Random(20)}";
}
