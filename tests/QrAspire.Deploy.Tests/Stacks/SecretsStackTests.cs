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
                : SecretKeyLine().Matches(document).Select(match => match.Groups[1].Value);
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

    [GeneratedRegex(@"^  ([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex DataKeyLine();
}
