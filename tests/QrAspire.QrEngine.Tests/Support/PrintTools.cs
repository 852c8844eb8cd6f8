using System.Diagnostics;

namespace QrAspire.QrEngine.Tests.Support;

/// <summary>Runs poppler, Ghostscript and librsvg on a rendered file, as a print shop's preflight would.</summary>
internal static class PrintTools
{
    /// <summary>The tools among <paramref name="tools"/> that are not installed.</summary>
    public static string[] Missing(params string[] tools) => tools.Where(t => Which(t) is null).ToArray();

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary <c>in.&lt;extension&gt;</c>, runs the tool (<c>{in}</c> and
    /// <c>{out}</c> in the arguments name the input and an output base path) and returns its standard output and the
    /// bytes of <c>out.png</c> when the tool wrote one.
    /// </summary>
    public static (string Output, byte[]? Png) Run(string tool, byte[] content, string extension, params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("qraspire-print-");
        try
        {
            var input = Path.Combine(directory.FullName, "in." + extension);
            var output = Path.Combine(directory.FullName, "out");
            File.WriteAllBytes(input, content);
            var start = new ProcessStartInfo(Which(tool) ?? throw new InvalidOperationException($"{tool} is not installed."))
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument.Replace("{in}", input, StringComparison.Ordinal).Replace("{out}", output, StringComparison.Ordinal));
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} took over 60 s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {errors.Result}");
            }

            var png = output + ".png";
            return (text.Result + errors.Result, File.Exists(png) ? File.ReadAllBytes(png) : null);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
