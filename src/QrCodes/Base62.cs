using System.Security.Cryptography;

namespace QrAspire.QrCodes;

/// <summary>Random strings over [0-9A-Za-z] from a CSPRNG, without modulo bias.</summary>
public static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
