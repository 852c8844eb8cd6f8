using System.Diagnostics;

namespace QrAspire.QrEngine.Tests.Gates;

/// <summary>
/// The ratio gates end to end: the Release benchmark with our PNG renderer made eight times slower through the
/// slowdown knob must fail its PNG gate. A measurement (about a minute), so scripts/test.sh leaves it out; run it
/// with <c>dotnet test tests/QrAspire.QrEngine.Tests --filter Tier=Benchmark</c>.
/// </summary>
[Trait("Tier", "Benchmark")]
public class SlowedRendererGateTests
{
    [Fact]
    public async Task ThePngGateFailsWhenOurPngRendererIsEightTimesSlower()
    {
        var start = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--project", Path.Combine(RepositoryRoot(), "benchmarks", "QrAspire.Benchmarks"), "--", "--gate", "--formats", "PNG"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["QRASPIRE_BENCH_SLOWDOWN"] = "PNG:8" },
        };

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}\n{output}\n{await error}");
        Assert.Contains(output.Split('\n'), line => line.StartsWith("ratio gate PNG: QrAspire PNG", StringComparison.Ordinal));
        Assert.Contains("ratio gates: FAIL (1 of 1 pairs)", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrAspire.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("QrAspire.slnx not found above the test's directory.");
    }
}
