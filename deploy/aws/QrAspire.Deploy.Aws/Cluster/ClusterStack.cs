using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using QrAspire.Deploy.Aws.Network;
using Pseudo = Amazon.CDK.Aws;

namespace QrAspire.Deploy.Aws.Cluster;

/// <summary>
/// EKS with a private API endpoint (reached from the bastion), two managed node groups (add-ons; workloads), the AWS
/// Load Balancer Controller and External Secrets, each with its own IAM role through IRSA, and the service accounts
/// with which the Api and Worker pods reach the file bucket without access keys.
/// </summary>
public sealed class ClusterStack : Stack
{
    public const string ExternalSecretsNamespace = "external-secrets";
    public const string NodeGroupLabel = "qraspire.io/node-group";

    public Amazon.CDK.AWS.EKS.Cluster Cluster { get; }

    public ClusterStack(
        Construct scope, string id, EnvironmentSettings settings, NetworkStack network, IBucket files,
        IStackProps props)
        : base(scope, id, props)
    {
        Cluster = new Amazon.CDK.AWS.EKS.Cluster(this, "Cluster", new ClusterProps
        {
            ClusterName = settings.Prefix,
            // The newest this CDK version knows. Its default kubectl layer (Amazon.CDK.Asset.KubectlV20) is older than
            // the cluster; the manifests it applies use only long-stable APIs.
            Version = KubernetesVersion.V1_27,
            Vpc = network.Vpc,
            VpcSubnets = [network.PrivateSubnetSelection],
            EndpointAccess = EndpointAccess.PRIVATE,
            DefaultCapacity = 0,
            SecretsEncryptionKey = new Key(this, "ClusterSecretsKey", new KeyProps
            {
                Description = $"{settings.Prefix}: envelope encryption of Kubernetes Secrets",
                EnableKeyRotation = true,
            }),
            ClusterLogging = [ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT, ClusterLoggingTypes.AUTHENTICATOR],
            AlbController = new AlbControllerOptions { Version = AlbControllerVersion.V2_5_1 },
        });
        Cluster.ClusterSecurityGroup.AddIngressRule(
            Peer.SecurityGroupId(network.Bastion.Connections.SecurityGroups[0].SecurityGroupId), Port.Tcp(443),
            "kubectl from the bastion (Session Manager port forwarding)");

        AddNodeGroup("system", settings.SystemNodes, network);
        AddNodeGroup("workloads", settings.WorkloadNodes, network);

        AddExternalSecrets(settings);
        AddWorkloadServiceAccounts(settings, files);

        _ = new CfnOutput(this, "ClusterName", new CfnOutputProps { Value = Cluster.ClusterName });
    }

    /// <summary>
    /// A managed node group whose root volumes are encrypted (a launch template: the node group's own disk setting
    /// leaves encryption to the account default) and whose pods cannot reach the node's instance role (IMDSv2, one hop).
    /// </summary>
    private void AddNodeGroup(string name, NodeGroupSettings size, NetworkStack network)
    {
        var template = new CfnLaunchTemplate(this, $"{name}-launch-template", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                BlockDeviceMappings =
                new object[]
                {
                    new CfnLaunchTemplate.BlockDeviceMappingProperty
                    {
                        DeviceName = "/dev/xvda",
                        Ebs = new CfnLaunchTemplate.EbsProperty
                        {
                            Encrypted = true,
                            VolumeSize = size.DiskGiB,
                            VolumeType = "gp3",
                            DeleteOnTermination = true,
                        },
                    },
                },
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty
                {
                    HttpTokens = "required",
                    HttpPutResponseHopLimit = 1,
                },
            },
        });
        Cluster.AddNodegroupCapacity(name, new NodegroupOptions
        {
            NodegroupName = name,
            InstanceTypes = [new InstanceType(size.InstanceType)],
            MinSize = size.MinSize,
            DesiredSize = size.DesiredSize,
            MaxSize = size.MaxSize,
            Subnets = network.PrivateSubnetSelection,
            AmiType = NodegroupAmiType.AL2_X86_64,
            CapacityType = CapacityType.ON_DEMAND,
            LaunchTemplateSpec = new LaunchTemplateSpec { Id = template.Ref, Version = template.AttrLatestVersionNumber },
            Labels = new Dictionary<string, string> { [NodeGroupLabel] = name },
        });
    }

    /// <summary>
    /// External Secrets reads this environment's secrets (Secrets Manager) and endpoints (SSM parameters) and writes
    /// the workloads' Kubernetes Secrets; its role may read nothing else.
    /// </summary>
    private void AddExternalSecrets(EnvironmentSettings settings)
    {
        var ns = Namespace("ExternalSecretsNamespace", ExternalSecretsNamespace);
        var account = Cluster.AddServiceAccount("ExternalSecretsServiceAccount", new ServiceAccountOptions
        {
            Name = "external-secrets",
            Namespace = ExternalSecretsNamespace,
        });
        account.Node.AddDependency(ns);
        account.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
            Resources = [$"arn:{Pseudo.PARTITION}:secretsmanager:{Region}:{Pseudo.ACCOUNT_ID}:secret:{settings.SecretPath}/*"],
        }));
        account.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
            Resources = [$"arn:{Pseudo.PARTITION}:ssm:{Region}:{Pseudo.ACCOUNT_ID}:parameter/{settings.SecretPath}/*"],
        }));

        var chart = Cluster.AddHelmChart("ExternalSecrets", new HelmChartOptions
        {
            Chart = "external-secrets",
            Repository = "https://charts.external-secrets.io",
            Version = "0.9.9",
            Release = "external-secrets",
            Namespace = ExternalSecretsNamespace,
            Values = new Dictionary<string, object>
            {
                ["installCRDs"] = true,
                ["serviceAccount"] = new Dictionary<string, object> { ["create"] = false, ["name"] = account.ServiceAccountName },
                ["nodeSelector"] = new Dictionary<string, object> { [NodeGroupLabel] = "system" },
            },
        });
        chart.Node.AddDependency(account);
    }

    /// <summary>
    /// The Api and the Worker reach the file bucket through these roles (IRSA), each only on its prefixes
    /// (docs/security.md): the Api writes logos/ and reads batches/, the Worker writes batches/ and reads logos/.
    /// </summary>
    private void AddWorkloadServiceAccounts(EnvironmentSettings settings, IBucket files)
    {
        var workloads = $"qraspire-{settings.Name}";
        var ns = Namespace("WorkloadNamespace", workloads);
        foreach (var (name, writes, reads) in new[] { ("qr-api", "logos", "batches"), ("qr-worker", "batches", "logos") })
        {
            var account = Cluster.AddServiceAccount(name, new ServiceAccountOptions { Name = name, Namespace = workloads });
            account.Node.AddDependency(ns);
            account.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                Resources = [files.ArnForObjects($"{writes}/*")],
            }));
            account.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:GetObject"],
                Resources = [files.ArnForObjects($"{reads}/*")],
            }));
        }
    }

    private KubernetesManifest Namespace(string id, string name) =>
        Cluster.AddManifest(id, new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        });
}
