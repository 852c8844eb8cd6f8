using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace QrAspire.AppHost.Infrastructure;

/// <summary>
/// Decides how the infrastructure comes up: given connection strings → containers when a runtime answers →
/// local postgres/redis-server binaries → the embedded default. <c>Infrastructure:Mode</c> forces one.
/// </summary>
internal sealed record InfrastructureChoice(InfrastructureMode Mode, string Reason, string? GivenDatabase, string? GivenRedis)
{
    public static InfrastructureChoice Decide(IConfiguration configuration, LocalServerBinaries? binaries)
    {
        var givenDatabase = NonEmpty(configuration["DATABASE_URL"]) ?? NonEmpty(configuration.GetConnectionString("db"));
        var givenRedis = NonEmpty(configuration["REDIS_URL"]) ?? NonEmpty(configuration.GetConnectionString("redis"));
        var forced = (configuration["Infrastructure:Mode"] ?? "auto").Trim().ToLowerInvariant();

        return forced switch
        {
            "auto" => Automatic(givenDatabase, givenRedis, binaries),
            "given" when givenDatabase is null || givenRedis is null => throw new InfrastructureSettingException(
                "Infrastructure:Mode=given needs DATABASE_URL (or ConnectionStrings:db) and REDIS_URL (or ConnectionStrings:redis)"),
            "given" => new(InfrastructureMode.Given, "forced by Infrastructure:Mode", givenDatabase, givenRedis),
            "containers" => new(InfrastructureMode.Containers, "forced by Infrastructure:Mode", givenDatabase, givenRedis),
            "local" when binaries is null => throw new InfrastructureSettingException(
                $"Infrastructure:Mode=local needs PostgreSQL and redis-server installed ({LocalServerBinaries.InstallHint})"),
            "local" => new(InfrastructureMode.Local, $"forced by Infrastructure:Mode ({binaries})", givenDatabase, givenRedis),
            "embedded" => new(InfrastructureMode.Embedded, "forced by Infrastructure:Mode", givenDatabase, givenRedis),
            _ => throw new InfrastructureSettingException(
                $"Infrastructure:Mode must be auto, given, containers, local or embedded, got '{forced}'"),
        };
    }

    private static InfrastructureChoice Automatic(string? givenDatabase, string? givenRedis, LocalServerBinaries? binaries)
    {
        if (givenDatabase is not null && givenRedis is not null)
        {
            return new(InfrastructureMode.Given, "DATABASE_URL and REDIS_URL (or ConnectionStrings:db/redis) are set", givenDatabase, givenRedis);
        }

        if (ContainerRuntimeAnswers(out var runtime))
        {
            return new(InfrastructureMode.Containers, $"container runtime '{runtime}' answers", givenDatabase, givenRedis);
        }

        return binaries is not null
            ? new(InfrastructureMode.Local, $"no container runtime answers; found {binaries}", givenDatabase, givenRedis)
            : new(InfrastructureMode.Embedded,
                $"no container runtime answers and PostgreSQL/redis-server are not installed ({LocalServerBinaries.InstallHint})",
                givenDatabase, givenRedis);
    }

    private static bool ContainerRuntimeAnswers(out string runtime)
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME"), "docker", "podman" })
        {
            if (string.IsNullOrWhiteSpace(candidate) || LocalServerBinaries.OnPath(candidate) is null)
            {
                continue;
            }

            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, "info --format {{.ServerVersion}}")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (process is not null && process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0)
                {
                    runtime = candidate;
                    return true;
                }

                process?.Kill(entireProcessTree: true);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not runnable: try the next one.
            }
        }

        runtime = "";
        return false;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public override string ToString() =>
        $"infrastructure mode: {Mode.ToString().ToLowerInvariant()} — {Reason}"
        + (GivenDatabase is not null && Mode != InfrastructureMode.Given ? "; database given" : "")
        + (GivenRedis is not null && Mode != InfrastructureMode.Given ? "; redis given" : "");
}

/// <summary>A bad AppHost setting: reported as one line, the AppHost exits with code 2.</summary>
internal sealed class InfrastructureSettingException(string message) : Exception(message);
