using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace QrAspire.Deploy.Tests.Manifests;

/// <summary>Kubernetes manifests as JSON objects: rendered overlays (<c>kubectl kustomize</c>, as scripts/ops/k8s-check.sh does) or files.</summary>
public static class KubernetesManifests
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrAspire.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("QrAspire.slnx not found above the test binaries");
    }

    /// <summary>The output of <c>kubectl kustomize deploy/k8s/{target}</c>, or null when kubectl is not installed.</summary>
    public static string? Render(string target)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine("deploy", "k8s", target)])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? output
                : throw new InvalidOperationException($"kubectl kustomize {target} failed: {error.Result}");
        }
    }

    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => ToJson(document.RootNode)).OfType<JsonObject>().ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => null,
    };
}
