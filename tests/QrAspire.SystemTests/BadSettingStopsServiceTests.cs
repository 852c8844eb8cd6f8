using System.Diagnostics;

namespace QrAspire.SystemTests;

/// <summary>
/// A missing or malformed setting stops a service at start-up with exit code 2 and one line on standard error
/// that names the setting — no stack trace, no secret.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Tier", "System")]
public sealed class BadSettingStopsServiceTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "Api", "QrAspire.Api" },
        { "Worker", "QrAspire.Worker" },
        { "Redirector", "QrAspire.Redirector" },
        { "Migrator", "QrAspire.Migrator" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task MalformedDatabaseUrlStopsTheServiceWithOneLineNamingIt(string folder, string assembly)
    {
        var result = await RunAsync(folder, assembly, ("DATABASE_URL", "postgres//user:hunter2@db/qr"));

        AssertOneLineNaming(result, "DATABASE_URL");
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Api", "QrAspire.Api")]
    [InlineData("Worker", "QrAspire.Worker")]
    [InlineData("Redirector", "QrAspire.Redirector")]
    public async Task MalformedRedisUrlStopsTheServiceWithOneLineNamingIt(string folder, string assembly)
    {
        var result = await RunAsync(folder, assembly, ("DATABASE_URL", "sqlite:///tmp/qraspire-bad-setting.db"), ("REDIS_URL", "http://cache:6379"));

        AssertOneLineNaming(result, "REDIS_URL");
    }

    [SkippableFact]
    public async Task NativeAotRedirectorStopsWithOneLineOnAMalformedDatabaseUrl()
    {
        var binary = TestEnvironment.RequireRedirectorBinary();

        var result = await RunAsync(binary, [], ("DATABASE_URL", "postgres//bad"));

        AssertOneLineNaming(result, "DATABASE_URL");
    }

    [Fact]
    public async Task MissingDatabaseSettingIsNamed()
    {
        var result = await RunAsync("Api", "QrAspire.Api", ("REDIS_URL", "redis://127.0.0.1:1"));

        AssertOneLineNaming(result, "DATABASE_URL");
        Assert.Contains("is not set", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JWT_SECRET", "too-short")]
    [InlineData("JWT_ALGORITHM", "RS256")]
    [InlineData("JWT_EXPIRY_MINUTES", "0")]
    [InlineData("PASSWORD_HASH_ITERATIONS", "10")]
    [InlineData("REDIRECT_BASE_URL", "ftp://qr.example.com")]
    [InlineData("TRUSTED_PROXIES", "10.0.0.0/8,the-ingress")]
    public async Task BadApiSettingsStopTheApiWithOneLineNamingThem(string setting, string value)
    {
        var valid = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "sqlite:///tmp/qraspire-bad-setting.db",
            ["REDIS_URL"] = "redis://127.0.0.1:1",
            ["JWT_SECRET"] = "a-secret-of-more-than-thirty-two-bytes!!",
            ["REDIRECT_BASE_URL"] = "https://qr.example.com",
        };
        valid[setting] = value;

        var result = await RunAsync("Api", "QrAspire.Api", [.. valid.Select(kv => (kv.Key, kv.Value))]);

        AssertOneLineNaming(result, setting);
        Assert.DoesNotContain("too-short", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SCAN_RETENTION_DAYS", "0")]
    [InlineData("SCAN_BATCH_SIZE", "lots")]
    [InlineData("GEOIP_DATABASE_PATH", "GeoLite2-City.mmdb")]
    [InlineData("GEOIP_DATABASE_PATH", "not-a-maxmind-database")]
    [InlineData("SMTP_SECURITY", "ssl")]
    [InlineData("MAIL_PICKUP_DIRECTORY", "relative/mail")]
    [InlineData("BATCH_CHUNK_SIZE", "0")]
    [InlineData("BATCH_LEASE_SECONDS", "forever")]
    [InlineData("REDIRECT_BASE_URL", "qr.example.com")]
    public async Task BadWorkerSettingsStopTheWorkerWithOneLineNamingThem(string setting, string value)
    {
        if (value == "not-a-maxmind-database")
        {
            value = Path.Combine(Path.GetTempPath(), $"qraspire-bad-{Guid.NewGuid():N}.mmdb");
            await File.WriteAllTextAsync(value, "this is not a MaxMind database");
        }

        var result = await RunAsync("Worker", "QrAspire.Worker",
            ("DATABASE_URL", "sqlite:///tmp/qraspire-bad-setting.db"), ("REDIS_URL", "redis://127.0.0.1:1"), (setting, value));

        AssertOneLineNaming(result, setting);
    }

    [Fact]
    public async Task AGeoIpFileThatIsNoMaxMindDatabaseStopsTheRedirectorWithOneLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"qraspire-bad-{Guid.NewGuid():N}.mmdb");
        await File.WriteAllTextAsync(file, "this is not a MaxMind database");

        var result = await RunAsync("Redirector", "QrAspire.Redirector",
            ("DATABASE_URL", "sqlite:///tmp/qraspire-bad-setting.db"), ("REDIS_URL", "redis://127.0.0.1:1"), ("GEOIP_DATABASE_PATH", file));

        AssertOneLineNaming(result, "GEOIP_DATABASE_PATH");
    }

    [Fact]
    public async Task OutOfRangeApiPortIsNamed()
    {
        var result = await RunAsync("Api", "QrAspire.Api", ("API_PORT", "70000"));

        AssertOneLineNaming(result, "API_PORT");
    }

    private static void AssertOneLineNaming(ProcessResult result, string setting)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains($"invalid setting {setting}:", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(string folder, string assembly, params (string Name, string Value)[] environment)
    {
        var dll = TestEnvironment.ServiceAssembly(folder, assembly);
        Assert.True(File.Exists(dll), $"{dll} is built");
        return RunAsync("dotnet", [dll], environment);
    }

    private static async Task<ProcessResult> RunAsync(string command, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var name in new[] { "DATABASE_URL", "REDIS_URL", "ConnectionStrings__db", "ConnectionStrings__redis", "API_PORT", "API_HOST", "JWT_SECRET", "REDIRECT_BASE_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["BLOB_STORAGE_PATH"] = Path.GetTempPath();
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
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
            throw new TimeoutException($"{string.Join(' ', arguments.Prepend(command))} did not stop on a bad setting within 60 s");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error);
}
