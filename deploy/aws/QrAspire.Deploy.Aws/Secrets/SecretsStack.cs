using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace QrAspire.Deploy.Aws.Secrets;

/// <summary>
/// The Secrets Manager entries of one environment, named <c>qraspire/{environment}/{path}</c>. Kubernetes reads them
/// through External Secrets; RDS and ElastiCache through dynamic references resolved at deploy time.
/// </summary>
public sealed class SecretsStack : Stack
{
    private readonly Dictionary<string, Secret> _secrets = [];

    public SecretsStack(Construct scope, string id, EnvironmentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        foreach (var definition in ServiceSecrets.Definitions)
        {
            var constructId = string.Concat(definition.Path.Split('/', '-')
                .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            _secrets[definition.Path] = new Secret(this, constructId, new SecretProps
            {
                SecretName = $"{settings.SecretPath}/{definition.Path}",
                Description = definition.Description,
                GenerateSecretString = new SecretStringGenerator
                {
                    SecretStringTemplate = System.Text.Json.JsonSerializer.Serialize(
                        definition.FixedFields ?? new Dictionary<string, string>()),
                    GenerateStringKey = definition.GeneratedField,
                    PasswordLength = definition.Length,
                    ExcludePunctuation = true,
                },
                // A deleted stack must not take the credentials of a retained database with it.
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
        }
    }

    public Secret this[string path] => _secrets[path];
}
