using QrAspire.Platform.Protection;

namespace QrAspire.Redirector.Protection;

/// <summary>
/// Verifies typed passwords against a code's hash, at most <see cref="ProtectionSettings.ConcurrentChecks"/> at a
/// time: a PBKDF2 check holds a core for tens of milliseconds, so a flood of guesses must not take every core from
/// the redirects. A check that finds no free slot is refused at once instead of queueing.
/// </summary>
public sealed class PasswordChecks(ProtectionSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.ConcurrentChecks, settings.ConcurrentChecks);

    /// <summary>
    /// False when every slot is busy (the caller answers 503); otherwise true, with <paramref name="matches"/> saying
    /// whether <paramref name="password"/> is the code's.
    /// </summary>
    public bool TryVerify(string password, string hash, out bool matches)
    {
        if (!_slots.Wait(0))
        {
            matches = false;
            return false;
        }

        try
        {
            matches = CodePassword.Verify(password, hash);
            return true;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
