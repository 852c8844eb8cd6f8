namespace QrAspire.Redirector.Protection;

/// <summary>What the redirect endpoints need for password-protected and scan-limited codes, resolved once.</summary>
public sealed record CodeProtection(PasswordChecks Checks, GuessThrottle Throttle, ScanCounter Scans);
