using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace QrAspire.Deploy.Aws.Data;

/// <summary>The replica of the file bucket in another region, the target of its cross-region replication.</summary>
public sealed class DisasterRecoveryStack : Stack
{
    public Bucket FilesReplica { get; }

    public DisasterRecoveryStack(Construct scope, string id, EnvironmentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        FilesReplica = FileBuckets.Create(this, "FilesReplica", FileBuckets.ReplicaName(settings), settings);
    }
}
