using Amazon.CDK.Assertions;
using QrAspire.Deploy.Aws.Secrets;
using Match = Amazon.CDK.Assertions.Match;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed class SecretsStackTests(EstateFixture estates)
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
}
