using System.Text;

namespace QrAspire.Api.Features.QrCodes.List;

/// <summary>An opaque cursor: base64url of "key\nid".</summary>
internal static class Cursor
{
    public static string Encode(string key, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key + "\n" + id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out string key, out string id)
    {
        key = id = "";
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
            if (parts.Length != 2 || parts[1].Length is 0 or > 32)
            {
                return false;
            }

            (key, id) = (parts[0], parts[1]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
