using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EFS;
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
/// Load Balancer Controller, External Secrets and the EFS CSI driver, each with its own IAM role through IRSA, and the
/// IAM roles of the workloads' service accounts (the manifests create the accounts), so no pod holds an access key.
/// </summary>
public sealed class ClusterStack : Stack
{
    public const string ExternalSecretsNamespace = "external-secrets";
    public const string NodeGroupLabel = "qraspire.io/node-group";
    public const string BackupServiceAccount = "qr-backup";
    public const string SharedStorageClass = "efs-sc";

    /// <summary>
    /// 0.16 or later: the manifests' stores set the AWS provider's <c>prefix</c>, which 0.16 added. Pinned without
    /// checking the chart repository (no network here); see docs/operations/aws.md.
    /// </summary>
    public const string ExternalSecretsChartVersion = "0.16.2";

    public Amazon.CDK.AWS.EKS.Cluster Cluster { get; }

    public ClusterStack(
        Construct scope, string id, EnvironmentSettings settings, NetworkStack network, IBucket files, IBucket backups,
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
        AddWorkloadRoles(settings, files, backups);
        AddSharedStorage(settings, network);

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
            Version = ExternalSecretsChartVersion,
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
    /// IAM roles for the workloads' service accounts (IRSA), named <c>{prefix}-{service account}</c> so the manifests
    /// can name them (deploy/k8s overlays annotate <c>qr-api</c>, <c>qr-worker</c> and <c>qr-backup</c>). Each reaches
    /// only its prefixes (docs/security.md): the Api writes (and deletes) logos/ and reads batches/, the Worker writes batches/ and reads logos/, and both
    /// may list the file bucket; the backup CronJobs write, list and prune the backup bucket.
    /// </summary>
    private void AddWorkloadRoles(EnvironmentSettings settings, IBucket files, IBucket backups)
    {
        foreach (var (name, writes, reads) in new[] { ("qr-api", "logos", "batches"), ("qr-worker", "batches", "logos") })
        {
            var role = WorkloadRole(settings, name);
            role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                Resources = [files.ArnForObjects($"{writes}/*")],
            }));
            role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:GetObject"],
                Resources = [files.ArnForObjects($"{reads}/*")],
            }));
            if (name == "qr-api")
            {
                // Deleting a workspace deletes its logos' files.
                role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["s3:DeleteObject"],
                    Resources = [files.ArnForObjects("logos/*")],
                }));
            }

            // Without it S3 answers a missing key with 403 rather than 404, and a deleted logo or an expired ZIP
            // would read as a refusal instead of "not there". It lists only key names under prefixes the role reads.
            role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:ListBucket"],
                Resources = [files.BucketArn],
            }));
        }

        var backup = WorkloadRole(settings, BackupServiceAccount);
        backup.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resources = [backups.ArnForObjects("postgres/*"), backups.ArnForObjects("redis/*")],
        }));
        backup.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [backups.BucketArn],
        }));
    }

    public static string WorkloadRoleName(EnvironmentSettings settings, string serviceAccount) =>
        $"{settings.Prefix}-{serviceAccount}";

    /// <summary>A role only the service account <paramref name="name"/> of the environment's namespace may assume.</summary>
    private Role WorkloadRole(EnvironmentSettings settings, string name) =>
        ServiceAccountRole(settings, WorkloadNamespace(settings), name, WorkloadRoleName(settings, name));

    /// <summary>
    /// An IRSA role for a service account someone else creates (the manifests, an EKS add-on): the trust policy
    /// <see cref="Amazon.CDK.AWS.EKS.Cluster.AddServiceAccount"/> writes, without the service account manifest.
    /// </summary>
    private Role ServiceAccountRole(EnvironmentSettings settings, string ns, string name, string? roleName)
    {
        var issuer = Cluster.ClusterOpenIdConnectIssuer;
        var conditions = new CfnJson(this, $"{name}-irsa-conditions", new CfnJsonProps
        {
            Value = new Dictionary<string, object>
            {
                [$"{issuer}:aud"] = "sts.amazonaws.com",
                [$"{issuer}:sub"] = $"system:serviceaccount:{ns}:{name}",
            },
        });
        return new Role(this, $"{name}-role", new RoleProps
        {
            RoleName = roleName,
            Description = $"{settings.Prefix}: the service account {ns}/{name} (IRSA)",
            AssumedBy = new OpenIdConnectPrincipal(Cluster.OpenIdConnectProvider)
                .WithConditions(new Dictionary<string, object> { ["StringEquals"] = conditions }),
        });
    }

    public static string WorkloadNamespace(EnvironmentSettings settings) => $"qraspire-{settings.Name}";

    /// <summary>
    /// The web console's shared volume (storage class <c>efs-sc</c>, ReadWriteMany): the EFS CSI driver add-on with its
    /// IRSA role, an encrypted file system reachable from the private subnets, and the storage class provisioning
    /// an access point per volume.
    /// </summary>
    private void AddSharedStorage(EnvironmentSettings settings, NetworkStack network)
    {
        // The add-on creates its controller's service account and annotates it with this role.
        var driver = ServiceAccountRole(settings, "kube-system", "efs-csi-controller-sa", roleName: null);
        driver.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("service-role/AmazonEFSCSIDriverPolicy"));
        var addon = new CfnAddon(this, "EfsCsiDriver", new CfnAddonProps
        {
            AddonName = "aws-efs-csi-driver",
            ClusterName = Cluster.ClusterName,
            ServiceAccountRoleArn = driver.RoleArn,
            ResolveConflicts = "OVERWRITE",
        });

        var securityGroup = new SecurityGroup(this, "SharedStorageSecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            Description = "EFS: NFS from the private subnets",
            AllowAllOutbound = false,
        });
        foreach (var subnet in network.Vpc.PrivateSubnets)
        {
            securityGroup.AddIngressRule(Peer.Ipv4(subnet.Ipv4CidrBlock), Port.Tcp(2049), $"NFS from {subnet.AvailabilityZone}");
        }
        var fileSystem = new Amazon.CDK.AWS.EFS.FileSystem(this, "SharedStorage", new FileSystemProps
        {
            Vpc = network.Vpc,
            VpcSubnets = network.PrivateSubnetSelection,
            SecurityGroup = securityGroup,
            Encrypted = true,
            PerformanceMode = PerformanceMode.GENERAL_PURPOSE,
            ThroughputMode = ThroughputMode.BURSTING,
            RemovalPolicy = settings.DeletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        var storageClass = Cluster.AddManifest("EfsStorageClass", new Dictionary<string, object>
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new Dictionary<string, object> { ["name"] = SharedStorageClass },
            ["provisioner"] = "efs.csi.aws.com",
            ["parameters"] = new Dictionary<string, object>
            {
                ["provisioningMode"] = "efs-ap",
                ["fileSystemId"] = fileSystem.FileSystemId,
                ["directoryPerms"] = "700",
                // The console runs as 1000 (deploy/k8s/base/web.yaml).
                ["uid"] = "1000",
                ["gid"] = "1000",
            },
        });
        storageClass.Node.AddDependency(addon);
    }

    private KubernetesManifest Namespace(string id, string name) =>
        Cluster.AddManifest(id, new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        });
}
