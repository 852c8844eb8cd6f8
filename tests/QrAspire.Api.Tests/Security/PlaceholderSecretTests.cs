using System.Diagnostics;

namespace QrAspire.Api.Tests.Security;

/// <summary>
/// The Kubernetes Secret template's <c>JWT_SECRET</c> is public (it is in the repository): an Api started with it
/// would sign tokens anyone can forge, so it stops at start with one line naming the setting.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class PlaceholderSecretTests
{
    [Theory]
    [InlineData("REPLACE_ME_WITH_AT_LEAST_32_RANDOM_BYTES")]
    [InlineData("prefix-REPLACE_ME-and-enough-bytes-to-pass-the-length-check")]
    public async Task TheTemplatesJwtSecretStopsTheApiWithOneLine(string secret)
    {
        var (exitCode, error) = await RunApiAsync(("JWT_SECRET", secret));

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("invalid setting JWT_SECRET:", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTemplateStillHoldsThePlaceholderTheApiRefuses()
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "k8s", "base", "secret.template.yaml"));

        Assert.Contains("JWT_SECRET: REPLACE_ME_WITH_AT_LEAST_32_RANDOM_BYTES", template, StringComparison.Ordinal);
    }

    // The Api as it ships: its own build output, started with dotnet, on settings that are otherwise valid.
    private static async Task<(int ExitCode, string Error)> RunApiAsync(params (string Name, string Value)[] settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
        var dll = Path.Combine(RepositoryRoot(), "src", "Api", "bin", configuration, "net10.0", "QrAspire.Api.dll");
        Assert.True(File.Exists(dll), $"{dll} is built");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var inherited in new[] { "ConnectionStrings__db", "ConnectionStrings__redis", "API_PORT", "API_HOST" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["DATABASE_URL"] = $"sqlite:///{Path.GetTempPath().TrimStart('/')}qraspire-placeholder-{Guid.NewGuid():N}.db";
        start.Environment["REDIS_URL"] = "redis://127.0.0.1:1";
        start.Environment["REDIRECT_BASE_URL"] = "https://qr.example.com";
        start.Environment["BLOB_STORAGE_PATH"] = Path.GetTempPath();
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the Api did not stop on the placeholder JWT_SECRET within 60 s");
        }

        await output;
        return (process.ExitCode, await error);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "QrAspire.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("no QrAspire.slnx above " + AppContext.BaseDirectory);
    }
}
