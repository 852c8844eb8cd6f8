using System.Diagnostics;
using System.Text.Json.Nodes;

namespace QrAspire.Deploy.Tests;

/// <summary>The CDK app itself, run as `cdk synth` runs it (the CLI passes context and the output folder by variables).</summary>
[Collection(EstateCollection.Name)]
public sealed class SynthesisTests
{
    [Fact]
    public async Task TheAppSynthesizesTheChosenEnvironmentIntoTheCloudAssembly()
    {
        var output = Directory.CreateTempSubdirectory("qraspire-cdk-app-").FullName;
        try
        {
            var (exitCode, _, error) = await RunApp("""{"environment":"staging"}""", output);

            Assert.True(exitCode == 0, error);
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json")))!;
            var stacks = manifest["artifacts"]!.AsObject()
                .Where(artifact => (string?)artifact.Value!["type"] == "aws:cloudformation:stack")
                .Select(artifact => artifact.Key).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(
                ["qraspire-staging-cluster", "qraspire-staging-data", "qraspire-staging-disaster-recovery",
                    "qraspire-staging-edge", "qraspire-staging-network", "qraspire-staging-secrets"],
                stacks);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownEnvironmentStopsTheAppWithOneLineNamingIt()
    {
        var output = Directory.CreateTempSubdirectory("qraspire-cdk-app-").FullName;
        try
        {
            var (exitCode, _, error) = await RunApp("""{"environment":"prod"}""", output);

            Assert.Equal(2, exitCode);
            Assert.Contains("invalid context environment: 'prod'; expected one of staging, production", error,
                StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "manifest.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunApp(string context, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "QrAspire.Deploy.Aws.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CDK_CONTEXT_JSON"] = context, ["CDK_OUTDIR"] = output },
        };
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await standardOutput, await standardError);
    }
}
