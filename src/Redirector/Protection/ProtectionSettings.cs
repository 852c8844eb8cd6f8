using QrAspire.Redirector.Hosting;

namespace QrAspire.Redirector.Protection;

/// <summary>How hard password-protected codes may be guessed at, read and validated at start-up.</summary>
/// <param name="AttemptsPerAddress"><c>PASSWORD_ATTEMPTS_PER_MINUTE</c>: guesses one client address may make at one code per minute.</param>
/// <param name="AttemptsPerCode"><c>PASSWORD_CODE_ATTEMPTS_PER_MINUTE</c>: guesses from all addresses together at one code per minute.</param>
/// <param name="ConcurrentChecks"><c>PASSWORD_CONCURRENT_CHECKS</c>: password hashes computed at once; more wait for nobody and get 503.</param>
public sealed record ProtectionSettings(int AttemptsPerAddress = 5, int AttemptsPerCode = 50, int ConcurrentChecks = 2)
{
    /// <summary>Reads the three settings; unset ones take their defaults.</summary>
    public static ProtectionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ProtectionSettings(
            RedirectorSettings.ReadInt(configuration["PASSWORD_ATTEMPTS_PER_MINUTE"], "PASSWORD_ATTEMPTS_PER_MINUTE", 5, 1, 1000),
            RedirectorSettings.ReadInt(configuration["PASSWORD_CODE_ATTEMPTS_PER_MINUTE"], "PASSWORD_CODE_ATTEMPTS_PER_MINUTE", 50, 1, 100_000),
            RedirectorSettings.ReadInt(configuration["PASSWORD_CONCURRENT_CHECKS"], "PASSWORD_CONCURRENT_CHECKS", 2, 1, 64));
    }
}
