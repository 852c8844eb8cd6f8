using System.Globalization;
using QrAspire.Data.Model;
using QrAspire.ServiceDefaults.Settings;

namespace QrAspire.Api.Features.Accounts;

/// <summary>
/// How long an account may stay unverified (<c>UNVERIFIED_ACCOUNT_EXPIRY_DAYS</c>, default 7, 0 = never). An expired
/// account cannot sign in or refresh, and registering its address again frees the address (the old account keeps
/// its rows but loses its address and every credential). Checked where the account is used rather than swept by a
/// job: the check is exact at any moment, needs no schedule, and cannot race a verification in flight.
/// </summary>
internal sealed class UnverifiedAccounts(TimeSpan? expiry)
{
    public const string Setting = "UNVERIFIED_ACCOUNT_EXPIRY_DAYS";
    public const int DefaultDays = 7;

    /// <summary>How long an unverified account lives, or null when it never expires.</summary>
    public TimeSpan? Expiry => expiry;

    /// <summary>True when <paramref name="account"/> was never verified and is older than the expiry.</summary>
    public bool HasExpired(Account account, DateTime now) =>
        account.EmailVerifiedAt is null && expiry is { } limit && account.CreatedAt + limit <= now;

    /// <summary>Accounts created before this instant are expired when unverified (DateTime.MinValue when they never expire).</summary>
    public DateTime CreatedBefore(DateTime now) => expiry is { } limit ? now - limit : DateTime.MinValue;

    public static UnverifiedAccounts From(IConfiguration configuration)
    {
        var raw = configuration[Setting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new(TimeSpan.FromDays(DefaultDays));
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 3650
            ? new(days == 0 ? null : TimeSpan.FromDays(days))
            : throw new SettingsException(Setting, $"must be a whole number of days from 0 (never) to 3650, got '{raw}'");
    }
}
