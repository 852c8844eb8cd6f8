using System.Globalization;
using System.Text.RegularExpressions;
using QrAspire.AppHost.Infrastructure;

namespace QrAspire.AppHost.Services;

/// <summary>
/// The memory limits of the containers in the Kubernetes manifests (<c>deploy/k8s/base</c>), read where they are
/// written so that the production shape cannot drift from them: container name → <c>resources.limits.memory</c>
/// in bytes. Reads only the shape the manifests use (block YAML, <c>containers:</c> with <c>- name:</c> items).
/// </summary>
internal static partial class KubernetesMemoryLimits
{
    public static IReadOnlyDictionary<string, long> Read(string manifestFolder)
    {
        if (!Directory.Exists(manifestFolder))
        {
            throw new InfrastructureSettingException($"Production: no Kubernetes manifests at '{manifestFolder}' (the memory limits are read from there)");
        }

        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(manifestFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var (container, quantity) in ReadContainers(File.ReadLines(file)))
            {
                limits[container] = ParseQuantity(quantity, file);
            }
        }

        return limits;
    }

    /// <summary>Pairs of container name and its memory limit as written (<c>512Mi</c>), in order.</summary>
    public static IEnumerable<(string Container, string Quantity)> ReadContainers(IEnumerable<string> lines)
    {
        int? containersIndent = null, itemIndent = null, limitsIndent = null;
        string? container = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var text = line.TrimStart();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - text.Length;
            if (text == "---" || indent <= containersIndent)
            {
                containersIndent = itemIndent = limitsIndent = null;
                container = null;
            }

            if (text is "containers:" or "initContainers:")
            {
                containersIndent = indent;
                continue;
            }

            if (containersIndent is null)
            {
                continue;
            }

            if (limitsIndent is { } l && indent <= l)
            {
                limitsIndent = null;
            }

            if (text.StartsWith("- ", StringComparison.Ordinal) && (itemIndent ??= indent) == indent)
            {
                container = NameItem().Match(text) is { Success: true } name ? name.Groups[1].Value : null;
                limitsIndent = null;
            }
            else if (text == "limits:")
            {
                limitsIndent = indent;
            }
            else if (limitsIndent is not null && container is not null && MemoryEntry().Match(text) is { Success: true } memory)
            {
                yield return (container, memory.Groups[1].Value);
            }
        }
    }

    /// <summary>A Kubernetes quantity in bytes: <c>512Mi</c>, <c>1Gi</c>, <c>500M</c>, <c>1048576</c>.</summary>
    public static long ParseQuantity(string quantity, string where)
    {
        var match = Quantity().Match(quantity);
        if (!match.Success)
        {
            throw new InfrastructureSettingException($"Production: memory limit '{quantity}' in {where} is not a Kubernetes quantity such as 512Mi");
        }

        var number = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value switch
        {
            "" => 1m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            _ => throw new InfrastructureSettingException($"Production: memory limit '{quantity}' in {where} has a unit this reader does not know"),
        };
        return (long)(number * unit);
    }

    [GeneratedRegex(@"^- name:\s*""?([A-Za-z0-9-]+)""?\s*$")]
    private static partial Regex NameItem();

    [GeneratedRegex(@"^memory:\s*""?([0-9.]+[A-Za-z]*)""?\s*$")]
    private static partial Regex MemoryEntry();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(|k|M|G|Ki|Mi|Gi)$")]
    private static partial Regex Quantity();
}
