using Amazon.CDK;
using Constructs;
using QrAspire.Deploy.Aws.Data;
using QrAspire.Deploy.Aws.Edge;
using QrAspire.Deploy.Aws.Network;
using QrAspire.Deploy.Aws.Secrets;
using ClusterStack = QrAspire.Deploy.Aws.Cluster.ClusterStack;

namespace QrAspire.Deploy.Aws;

/// <summary>The stacks of one environment, wired together.</summary>
public sealed record Estate(
    NetworkStack Network,
    SecretsStack Secrets,
    DisasterRecoveryStack DisasterRecovery,
    DataStack Data,
    ClusterStack Cluster,
    EdgeStack Edge)
{
    public IReadOnlyList<Stack> Stacks => [Network, Secrets, DisasterRecovery, Data, Cluster, Edge];

    /// <summary>
    /// The stacks of <paramref name="settings"/> under <paramref name="scope"/>, in <paramref name="account"/> (null:
    /// templates that take the account from where they are deployed).
    /// </summary>
    public static Estate Build(Construct scope, EnvironmentSettings settings, string? account)
    {
        IStackProps In(string region, string concern) => new StackProps
        {
            StackName = $"{settings.Prefix}-{concern}",
            Env = new Amazon.CDK.Environment { Account = account, Region = region },
            Description = $"QrAspire {settings.Name}: {concern}",
            TerminationProtection = settings.DeletionProtection,
        };

        var network = new NetworkStack(scope, $"{settings.Prefix}-network", settings, In(settings.Region, "network"));
        var secrets = new SecretsStack(scope, $"{settings.Prefix}-secrets", settings, In(settings.Region, "secrets"));
        var disasterRecovery = new DisasterRecoveryStack(scope, $"{settings.Prefix}-disaster-recovery", settings,
            In(settings.DisasterRecoveryRegion, "disaster-recovery"));
        var data = new DataStack(scope, $"{settings.Prefix}-data", settings, network, secrets, In(settings.Region, "data"));
        // Replication needs its target bucket to exist; the two stacks share no reference across regions, only names.
        data.AddDependency(disasterRecovery);
        var cluster = new Cluster.ClusterStack(scope, $"{settings.Prefix}-cluster", settings, network, data.Files, data.Backups,
            In(settings.Region, "cluster"));
        var edge = new EdgeStack(scope, $"{settings.Prefix}-edge", settings, In(settings.Region, "edge"));

        foreach (var stack in new Stack[] { network, secrets, disasterRecovery, data, cluster, edge })
        {
            Tags.Of(stack).Add("qraspire:environment", settings.Name);
        }
        return new Estate(network, secrets, disasterRecovery, data, cluster, edge);
    }
}
