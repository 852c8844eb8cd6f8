using System.Diagnostics;

namespace QrAspire.QrEngine.Scanning;

/// <summary>
/// Reads QR codes with zbar's <c>zbarimg</c> (Debian's <c>zbar-tools</c>): a decoder independent of ZXing, with its
/// own finder and sampling, so a style both read is not tuned to one library's quirks. The image is handed over as a
/// binary greyscale PGM in a temporary file; the text comes back raw (<c>--raw -Sbinary</c>: bytes, no charset guess).
/// </summary>
public static class ZbarReader
{
    private static readonly Lazy<string?> Executable = new(Find);

    /// <summary>The path of <c>zbarimg</c>, or null when it is not installed.</summary>
    public static string? Path => Executable.Value;

    /// <summary>True when <c>zbarimg</c> is installed.</summary>
    public static bool IsAvailable => Path is not null;

    /// <summary>The text of the QR code in an 8-bit greyscale image (row by row, no padding), or null when none is read.</summary>
    /// <exception cref="InvalidOperationException"><c>zbarimg</c> is not installed, failed, or took longer than <paramref name="timeout"/>.</exception>
    public static string? Read(ReadOnlySpan<byte> grey, int width, int height, TimeSpan timeout)
    {
        var executable = Path ?? throw new InvalidOperationException("zbarimg is not installed (Debian: apt-get install zbar-tools).");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"qraspire-zbar-{Guid.NewGuid():N}.pgm");
        try
        {
            using (var stream = File.Create(file))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(FormattableString.Invariant($"P5\n{width} {height}\n255\n")));
                stream.Write(grey[..(width * height)]);
            }

            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--raw", "-q", "--nodbus", "-Sdisable", "-Sqrcode.enable", "-Sbinary", "-1", file])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("zbarimg did not start.");
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"zbarimg took longer than {timeout.TotalSeconds:0.#} s.");
            }

            copy.Wait(timeout);
            // Exit code 4: no symbol found; anything else but 0 is a failure of the tool itself.
            if (process.ExitCode == 4)
            {
                return null;
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"zbarimg exited with {process.ExitCode}: {errors.Result.Trim()}");
            }

            // With --raw and --oneshot the output is exactly the symbol's bytes, without a line break of zbar's own.
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(System.IO.Path.PathSeparator))
        {
            var candidate = System.IO.Path.Combine(directory, "zbarimg");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
