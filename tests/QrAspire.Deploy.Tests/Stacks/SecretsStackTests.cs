using System.Text.RegularExpressions;
using Amazon.CDK.Assertions;
using QrAspire.Deploy.Aws.Secrets;
using Match = Amazon.CDK.Assertions.Match;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed partial class SecretsStackTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void EverySecretIsGeneratedUnderTheEnvironmentsPath(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Secrets);

        template.ResourceCountIs("AWS::SecretsManager::Secret", ServiceSecrets.Definitions.Count);
        foreach (var definition in ServiceSecrets.Definitions)
        {
            template.HasResource("AWS::SecretsManager::Secret", Match.ObjectLike(new Dictionary<string, object>
            {
                ["DeletionPolicy"] = "Retain",
                ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Name"] = $"{estate.Settings.SecretPath}/{definition.Path}",
                    ["GenerateSecretString"] = Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["GenerateStringKey"] = definition.GeneratedField,
                        ["PasswordLength"] = definition.Length,
                    }),
                }),
            }));
        }
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void EveryValueTheWorkloadsReadNamesASecretFieldOrParameterThatExists(string environment)
    {
        var estate = estates[environment];
        var parameters = estate.Templates.SelectMany(template => template.OfType("AWS::SSM::Parameter"))
            .Select(parameter => parameter.Properties["Name"]?.GetValue<string>()).OfType<string>().ToHashSet();
        var fields = ServiceSecrets.Definitions
            .SelectMany(definition => definition.Fields.Select(field => $"{definition.Path}:{field}")).ToHashSet();

        var references = ServiceSecrets.Variables.SelectMany(variable => Reference().Matches(variable.Value))
            .Select(match => match.Groups[1].Value).ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            if (reference.StartsWith("param:", StringComparison.Ordinal))
            {
                Assert.Contains($"/{estate.Settings.SecretPath}/{reference["param:".Length..]}", parameters);
            }
            else
            {
                Assert.Contains(reference, fields);
            }
        }
    }

    [Fact]
    public void EverySecretVariableOfTheKubernetesManifestsHasASource()
    {
        var manifests = Directory.GetFiles(Path.Combine(RepositoryRoot(), "deploy", "k8s"), "*.yaml", SearchOption.AllDirectories);
        var needed = manifests.SelectMany(path => SecretVariables(File.ReadAllLines(path))).ToHashSet();
        var served = ServiceSecrets.Variables.Select(variable => (variable.KubernetesSecret, variable.Variable))
            .ToHashSet();

        Assert.Contains(("qr-api-secrets", "JWT_SECRET"), needed);
        var missing = needed.Where(variable => !served.Contains(variable)
            && !ServiceSecrets.ServedByPodRoles.Contains(variable.Variable)).ToList();
        Assert.True(missing.Count == 0, "no source for " + string.Join(", ", missing));
    }

    [Fact]
    public void TheVariablesOfSecretsAndExternalSecretsAreFoundInManifests()
    {
        var manifests = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: qr-redirector-secrets
            stringData:
              # a comment
              DATABASE_URL: postgresql://REPLACE_ME
              REDIS_URL: rediss://REPLACE_ME:6379/0
            ---
            apiVersion: external-secrets.io/v1beta1
            kind: ExternalSecret
            metadata:
              name: qr-api
            spec:
              target:
                name: qr-api-secrets
                template:
                  data:
                    DATABASE_URL: "postgresql://{{ .username }}:{{ .password }}@{{ .host }}/qraspire"
              data:
                - secretKey: JWT_SECRET
                  remoteRef:
                    key: qraspire/staging/api/jwt
                    property: key
            """;

        var variables = SecretVariables(manifests.Split('\n')).ToHashSet();

        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("qr-redirector-secrets", "DATABASE_URL"), ("qr-redirector-secrets", "REDIS_URL"),
                ("qr-api-secrets", "DATABASE_URL"), ("qr-api-secrets", "JWT_SECRET"),
            },
            variables);
    }

    /// <summary>
    /// The (Secret, variable) pairs a manifest asks for: the <c>stringData</c> keys of a Secret, and the
    /// <c>secretKey</c> entries of an ExternalSecret (read line by line: the manifests are plain block YAML).
    /// </summary>
    private static IEnumerable<(string Secret, string Variable)> SecretVariables(string[] lines)
    {
        foreach (var document in string.Join('\n', lines).Split("\n---"))
        {
            var kind = KindLine().Match(document).Groups[1].Value;
            var name = kind switch
            {
                "Secret" => NameLine().Match(document).Groups[1].Value,
                "ExternalSecret" => TargetNameLine().Match(document) is { Success: true } target
                    ? target.Groups[1].Value
                    : NameLine().Match(document).Groups[1].Value,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }
            var keys = kind == "Secret"
                ? StringDataKeys(document)
                : SecretKeyLine().Matches(document).Select(match => match.Groups[1].Value)
                    .Concat(TemplateDataKeys(document));
            foreach (var key in keys)
            {
                yield return (name, key);
            }
        }
    }

    private static IEnumerable<string> StringDataKeys(string document)
    {
        var inside = false;
        foreach (var line in document.Split('\n'))
        {
            if (line.StartsWith("stringData:", StringComparison.Ordinal))
            {
                inside = true;
            }
            else if (inside && DataKeyLine().Match(line) is { Success: true } key)
            {
                yield return key.Groups[1].Value;
            }
            else if (inside && line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#'))
            {
                inside = false;
            }
        }
    }

    /// <summary>The keys of an ExternalSecret's <c>target.template.data</c>: variables assembled from several fields.</summary>
    private static IEnumerable<string> TemplateDataKeys(string document)
    {
        var lines = document.Split('\n');
        int Indent(string line) => line.Length - line.TrimStart().Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "template:")
            {
                continue;
            }
            var template = Indent(lines[i]);
            for (var j = i + 1; j < lines.Length && (lines[j].Trim().Length == 0 || Indent(lines[j]) > template); j++)
            {
                if (lines[j].Trim() != "data:")
                {
                    continue;
                }
                var data = Indent(lines[j]);
                for (var k = j + 1; k < lines.Length && (lines[k].Trim().Length == 0 || Indent(lines[k]) > data); k++)
                {
                    if (Indent(lines[k]) == data + 2 && TemplateKeyLine().Match(lines[k]) is { Success: true } key)
                    {
                        yield return key.Groups[1].Value;
                    }
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QrAspire.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("QrAspire.slnx not found above the test binaries");
    }

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?m)^kind:\s*(\S+)")]
    private static partial Regex KindLine();

    [GeneratedRegex(@"(?m)^metadata:\s*\n(?:\s+.*\n)*?\s+name:\s*(\S+)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"(?m)^\s+target:\s*\n\s+name:\s*(\S+)")]
    private static partial Regex TargetNameLine();

    [GeneratedRegex(@"(?m)^\s*-?\s*secretKey:\s*(\S+)")]
    private static partial Regex SecretKeyLine();

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex TemplateKeyLine();

    [GeneratedRegex(@"^  ([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex DataKeyLine();
}
