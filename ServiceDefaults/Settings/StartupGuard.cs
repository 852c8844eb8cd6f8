using Microsoft.Extensions.Options;

namespace QrAspire.ServiceDefaults.Settings;

/// <summary>
/// Runs a service's main body and turns a bad setting into one clear line on standard error and exit code 2,
/// instead of a stack trace.
/// </summary>
public static class StartupGuard
{
    /// <summary>Exit code of a service stopped by a missing or malformed setting.</summary>
    public const int InvalidSettingExitCode = 2;

    /// <summary>Runs <paramref name="main"/>; returns 0, or <see cref="InvalidSettingExitCode"/> after printing the setting's problem.</summary>
    public static async Task<int> RunAsync(string service, Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        try
        {
            await main().ConfigureAwait(false);
            return 0;
        }
        catch (Exception exception) when (FindSettingsProblem(exception) is { } message)
        {
            await Console.Error.WriteLineAsync($"{service}: invalid setting {message}").ConfigureAwait(false);
            return InvalidSettingExitCode;
        }
    }

    private static string? FindSettingsProblem(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case SettingsException settings:
                    return settings.Message;
                case OptionsValidationException options:
                    return $"{options.OptionsName}: {string.Join("; ", options.Failures)}";
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate;
                    break;
            }
        }

        return null;
    }
}
