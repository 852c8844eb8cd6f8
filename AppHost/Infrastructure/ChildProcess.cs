using System.Diagnostics;

namespace QrAspire.AppHost.Infrastructure;

/// <summary>Runs a command to completion for the AppHost's own set-up steps (initdb, chown, npm ci).</summary>
internal static class ChildProcess
{
    /// <summary>Null when <paramref name="command"/> exited 0 within <paramref name="timeout"/>; otherwise one line saying why not.</summary>
    public static string? Run(string command, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return $"could not start {command}";
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"{Path.GetFileName(command)} gave no answer within {timeout.TotalSeconds:0} s";
            }

            return process.ExitCode == 0
                ? null
                : $"{Path.GetFileName(command)} failed ({process.ExitCode}): {FirstLine(error.Result) ?? FirstLine(output.Result)}";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"could not start {command}: {exception.Message}";
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
