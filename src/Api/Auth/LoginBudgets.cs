using System.Globalization;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Auth;

/// <summary>
/// The free sign-in attempts before back-off: <c>LOGIN_FREE_ATTEMPTS_PER_ACCOUNT_ADDRESS</c> (default 5) for one
/// account from one client address, <c>LOGIN_FREE_ATTEMPTS_PER_ADDRESS</c> (default 20) for one client address over
/// all accounts (raise it when many people sign in through one NAT address).
/// </summary>
internal sealed record LoginBudgets(int PerAccountAddress, int PerAddress)
{
    public static LoginBudgets From(IConfiguration configuration) =>
        new(Read(configuration, "LOGIN_FREE_ATTEMPTS_PER_ACCOUNT_ADDRESS", 5), Read(configuration, "LOGIN_FREE_ATTEMPTS_PER_ADDRESS", 20));

    private static int Read(IConfiguration configuration, string name, int fallback)
    {
        var raw = configuration[name];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 1_000_000
            ? value
            : throw new SettingsException(name, $"must be a whole number from 1 to 1000000, got '{raw}'");
    }
}
