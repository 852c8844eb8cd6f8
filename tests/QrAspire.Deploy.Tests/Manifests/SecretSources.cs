using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QrAspire.Deploy.Tests.Manifests;

/// <summary>What the AWS estate of one environment holds: Secrets Manager entries with their JSON fields, SSM parameters.</summary>
public sealed record AwsEntries(IReadOnlyDictionary<string, IReadOnlySet<string>> Secrets, IReadOnlySet<string> Parameters)
{
    public static AwsEntries Of(IEnumerable<SynthesizedTemplate> templates)
    {
        var secrets = new Dictionary<string, IReadOnlySet<string>>();
        var parameters = new HashSet<string>();
        foreach (var template in templates)
        {
            foreach (var (_, properties, _) in template.OfType("AWS::SecretsManager::Secret"))
            {
                var generate = properties["GenerateSecretString"];
                var fields = JsonNode.Parse((string?)generate?["SecretStringTemplate"] ?? "{}")!.AsObject()
                    .Select(pair => pair.Key).ToHashSet();
                if ((string?)generate?["GenerateStringKey"] is { } generated)
                {
                    fields.Add(generated);
                }
                secrets[(string)properties["Name"]!] = fields;
            }
            foreach (var (_, properties, _) in template.OfType("AWS::SSM::Parameter"))
            {
                parameters.Add((string)properties["Name"]!);
            }
        }
        return new AwsEntries(secrets, parameters);
    }
}

/// <summary>
/// Checks that rendered manifests read only what the estate creates: every ExternalSecret's <c>data[].remoteRef</c> and
/// <c>dataFrom[].extract</c>, with its store's prefix, names an existing secret (and field) or parameter; every template
/// variable is fetched by the same ExternalSecret; and every variable of the Secret template that a workload reads is
/// produced by that Secret's ExternalSecret.
/// </summary>
public static partial class SecretSources
{
    public static IReadOnlyList<string> Findings(
        IReadOnlyList<JsonObject> rendered, IReadOnlyList<JsonObject> secretTemplate, AwsEntries aws,
        IReadOnlyCollection<string> servedOtherwise)
    {
        var findings = new List<string>();
        var stores = rendered.Where(o => Kind(o) is "ClusterSecretStore" or "SecretStore").ToDictionary(
            Name, o => ((string?)o["spec"]?["provider"]?["aws"]?["service"], (string?)o["spec"]?["provider"]?["aws"]?["prefix"] ?? ""));
        var produced = new Dictionary<string, HashSet<string>>();

        foreach (var external in rendered.Where(o => Kind(o) == "ExternalSecret"))
        {
            var where = $"ExternalSecret {Name(external)}";
            var spec = external["spec"]!;
            var defaultStore = (string?)spec["secretStoreRef"]?["name"];
            var fetched = new HashSet<string>();

            void Check(string entry, string? store, string? key, string? property)
            {
                if (store is null || !stores.TryGetValue(store, out var found))
                {
                    findings.Add($"{where} {entry}: unknown store '{store}'");
                    return;
                }
                var name = found.Item2 + key;
                switch (found.Item1)
                {
                    case "SecretsManager" when !aws.Secrets.TryGetValue(name, out var fields):
                        findings.Add($"{where} {entry}: no Secrets Manager entry '{name}'");
                        break;
                    case "SecretsManager" when property is not null && !aws.Secrets[name].Contains(property):
                        findings.Add($"{where} {entry}: '{name}' has no field '{property}'");
                        break;
                    case "ParameterStore" when !aws.Parameters.Contains(name):
                        findings.Add($"{where} {entry}: no SSM parameter '{name}'");
                        break;
                    case "ParameterStore" when property is not null:
                        findings.Add($"{where} {entry}: SSM parameter '{name}' is a plain string, it has no property '{property}'");
                        break;
                    case not ("SecretsManager" or "ParameterStore"):
                        findings.Add($"{where} {entry}: store '{store}' reads neither Secrets Manager nor Parameter Store");
                        break;
                }
            }

            foreach (var data in spec["data"] as JsonArray ?? [])
            {
                var secretKey = (string)data!["secretKey"]!;
                fetched.Add(secretKey);
                Check(secretKey, (string?)data["sourceRef"]?["storeRef"]?["name"] ?? defaultStore,
                    (string?)data["remoteRef"]?["key"], (string?)data["remoteRef"]?["property"]);
            }
            foreach (var dataFrom in spec["dataFrom"] as JsonArray ?? [])
            {
                var key = (string?)dataFrom!["extract"]?["key"];
                if (key is null)
                {
                    findings.Add($"{where} dataFrom: only extract is checked; a find could match anything");
                    continue;
                }
                var store = (string?)dataFrom["sourceRef"]?["storeRef"]?["name"] ?? defaultStore;
                Check($"dataFrom {key}", store, key, null);
                if (store is not null && stores.TryGetValue(store, out var found)
                    && aws.Secrets.TryGetValue(found.Item2 + key, out var fields))
                {
                    fetched.UnionWith(fields);
                }
            }

            var template = spec["target"]?["template"]?["data"] as JsonObject;
            foreach (var (variable, value) in template ?? [])
            {
                foreach (var used in TemplateReference().Matches((string?)value ?? "").Select(m => m.Groups[1].Value))
                {
                    if (!fetched.Contains(used))
                    {
                        findings.Add($"{where} template {variable}: .{used} is not fetched by this ExternalSecret");
                    }
                }
            }
            var target = (string?)spec["target"]?["name"] ?? Name(external);
            produced[target] = template is null ? fetched : template.Select(pair => pair.Key).ToHashSet();
        }

        var read = rendered.SelectMany(ReadSecrets).ToHashSet();
        foreach (var secret in read.Where(secret => !produced.ContainsKey(secret)))
        {
            findings.Add($"Secret {secret}: a workload reads it but no ExternalSecret writes it");
        }
        foreach (var secret in secretTemplate.Where(o => Kind(o) == "Secret" && read.Contains(Name(o))))
        {
            var keys = (secret["stringData"] as JsonObject ?? []).Select(pair => pair.Key)
                .Concat((secret["data"] as JsonObject ?? []).Select(pair => pair.Key));
            foreach (var key in keys.Where(key => !servedOtherwise.Contains(key)
                && !(produced.TryGetValue(Name(secret), out var made) && made.Contains(key))))
            {
                findings.Add($"Secret {Name(secret)}: {key} (secret.template.yaml) is not produced by its ExternalSecret");
            }
        }
        return findings;
    }

    /// <summary>The Secrets a workload's pods read: envFrom, env valueFrom and secret volumes.</summary>
    private static IEnumerable<string> ReadSecrets(JsonObject o)
    {
        var pod = Kind(o) switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "Job" => o["spec"]?["template"]?["spec"],
            "CronJob" => o["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"],
            _ => null,
        };
        if (pod is null)
        {
            yield break;
        }
        var containers = (pod["containers"] as JsonArray ?? []).Concat(pod["initContainers"] as JsonArray ?? []);
        foreach (var container in containers)
        {
            foreach (var from in container!["envFrom"] as JsonArray ?? [])
            {
                if ((string?)from!["secretRef"]?["name"] is { } name)
                {
                    yield return name;
                }
            }
            foreach (var env in container["env"] as JsonArray ?? [])
            {
                if ((string?)env!["valueFrom"]?["secretKeyRef"]?["name"] is { } name)
                {
                    yield return name;
                }
            }
        }
        foreach (var volume in pod["volumes"] as JsonArray ?? [])
        {
            if ((string?)volume!["secret"]?["secretName"] is { } name)
            {
                yield return name;
            }
        }
    }

    private static string? Kind(JsonObject o) => (string?)o["kind"];

    private static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    [GeneratedRegex(@"\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TemplateReference();
}
