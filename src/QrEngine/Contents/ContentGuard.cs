using System.Text;

namespace QrAspire.QrEngine.Contents;

/// <summary>Field checks shared by the content types; each failure names the field it concerns.</summary>
internal static class ContentGuard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, field, $"'{field}' is required.");
        }

        return Optional(value, field, maxLength)!;
    }

    public static string? Optional(string? value, string field, int maxLength, bool allowLineBreaks = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            throw new QrEngineException(QrErrorCodes.FieldTooLong, field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
        }

        NoControlCharacters(value, field, allowLineBreaks);
        return value;
    }

    public static void NoControlCharacters(string value, string field, bool allowLineBreaks)
    {
        foreach (var c in value)
        {
            var allowed = allowLineBreaks && (c is '\n' or '\r' or '\t');
            if (char.IsControl(c) && !allowed)
            {
                throw new QrEngineException(
                    QrErrorCodes.ControlCharacter,
                    field,
                    $"'{field}' contains the control character U+{(int)c:X4}, which this format does not allow.");
            }
        }

        if (HasLoneSurrogate(value))
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, field, $"'{field}' is not valid Unicode text.");
        }
    }

    public static string PhoneNumber(string? value, string field)
    {
        var number = Required(value, field, 32).Trim();
        var digits = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '(' or ')' or '.' || (c == '+' && i == 0)))
            {
                throw new QrEngineException(QrErrorCodes.InvalidContent, field, $"'{field}' may contain only digits, spaces, '-', '.', '(', ')' and a leading '+'.");
            }
        }

        if (digits < 3)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, field, $"'{field}' must contain at least 3 digits.");
        }

        // Scanners dial what they are given: keep only what a dialler understands.
        var compact = new StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c) || c == '+')
            {
                compact.Append(c);
            }
        }

        return compact.ToString();
    }

    public static string EmailAddress(string? value, string field)
    {
        var address = Required(value, field, 254).Trim();
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1 || address.AsSpan(at).IndexOf('.') < 0
            || address.AsSpan().IndexOfAny(" ,;:<>\"?&") >= 0)
        {
            throw new QrEngineException(QrErrorCodes.InvalidContent, field, $"'{field}' is not a valid e-mail address.");
        }

        return address;
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
