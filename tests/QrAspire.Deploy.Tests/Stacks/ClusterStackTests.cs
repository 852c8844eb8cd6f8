using Amazon.CDK.Assertions;
using QrAspire.Deploy.Aws;

namespace QrAspire.Deploy.Tests.Stacks;

[Collection(EstateCollection.Name)]
public sealed class ClusterStackTests(EstateFixture estates)
{
    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void ManagedNodeGroupsAreSizedFromTheEnvironment(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Cluster);

        template.ResourceCountIs("AWS::EKS::Nodegroup", 2);
        foreach (var (name, size) in new[] { ("system", estate.Settings.SystemNodes), ("workloads", estate.Settings.WorkloadNodes) })
        {
            template.HasResourceProperties("AWS::EKS::Nodegroup", Match.ObjectLike(new Dictionary<string, object>
            {
                ["NodegroupName"] = name,
                ["InstanceTypes"] = new[] { size.InstanceType },
                ["ScalingConfig"] = new Dictionary<string, object>
                {
                    ["MinSize"] = size.MinSize,
                    ["DesiredSize"] = size.DesiredSize,
                    ["MaxSize"] = size.MaxSize,
                },
                ["CapacityType"] = "ON_DEMAND",
                ["LaunchTemplate"] = Match.AnyValue(),
            }));
            template.HasResourceProperties("AWS::EC2::LaunchTemplate", Match.ObjectLike(new Dictionary<string, object>
            {
                ["LaunchTemplateData"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["BlockDeviceMappings"] = new[]
                    {
                        Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Ebs"] = Match.ObjectLike(new Dictionary<string, object>
                            {
                                ["Encrypted"] = true, ["VolumeSize"] = size.DiskGiB,
                            }),
                        }),
                    },
                    ["MetadataOptions"] = new Dictionary<string, object> { ["HttpTokens"] = "required", ["HttpPutResponseHopLimit"] = 1 },
                }),
            }));
        }
    }

    [Fact]
    public void ProductionHoldsThePeakOfTheAutoscalersAndStagingAFraction()
    {
        // Production's ceiling: Api and Redirector at 20 pods × 250m requested, 2 Workers × 500m, ~1 vCPU of
        // add-ons and DaemonSets per node — the workload group at its maximum must hold it.
        var production = EnvironmentSettings.Production.WorkloadNodes;
        Assert.True(production.MaxSize * 4 >= 20 * 0.25 * 2 + 2 * 0.5 + production.MaxSize * 1.0);
        Assert.True(production.MinSize >= EnvironmentSettings.Production.AvailabilityZones.Count);
        Assert.True(EnvironmentSettings.Staging.WorkloadNodes.MaxSize < production.MaxSize);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheClusterEndpointIsPrivateAndItsSecretsEncrypted(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Cluster);

        template.HasResourceProperties("Custom::AWSCDK-EKS-Cluster", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Config"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["name"] = estate.Settings.Prefix,
                ["resourcesVpcConfig"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["endpointPublicAccess"] = false,
                    ["endpointPrivateAccess"] = true,
                }),
                ["encryptionConfig"] = Match.ArrayWith([
                    Match.ObjectLike(new Dictionary<string, object> { ["resources"] = new[] { "secrets" } }),
                ]),
            }),
        }));
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheLoadBalancerControllerAndExternalSecretsAreInstalledWithIrsaServiceAccounts(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Cluster);

        foreach (var chart in new[] { "aws-load-balancer-controller", "external-secrets" })
        {
            template.HasResourceProperties("Custom::AWSCDK-EKS-HelmChart", Match.ObjectLike(
                new Dictionary<string, object> { ["Chart"] = chart }));
        }
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");
        var manifests = cluster.OfType("Custom::AWSCDK-EKS-KubernetesResource")
            .Select(manifest => Text(manifest.Properties["Manifest"])).ToList();
        foreach (var account in new[] { "aws-load-balancer-controller", "external-secrets" })
        {
            Assert.Contains(manifests, manifest => manifest.Contains("ServiceAccount", StringComparison.Ordinal)
                && manifest.Contains($"\"name\":\"{account}\"", StringComparison.Ordinal)
                && manifest.Contains("eks.amazonaws.com/role-arn", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void ExternalSecretsMayReadOnlyItsEnvironmentsSecretsAndParameters(string environment)
    {
        var estate = estates[environment];
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");

        var statements = cluster.OfType("AWS::IAM::Policy")
            .SelectMany(policy => policy.Properties["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(statement => statement!.ToJsonString().Contains("secretsmanager:GetSecretValue", StringComparison.Ordinal)
                || statement!.ToJsonString().Contains("ssm:GetParameter", StringComparison.Ordinal))
            .Select(statement => statement!["Resource"]!.ToJsonString())
            .ToList();

        Assert.Equal(2, statements.Count);
        Assert.Contains(statements, resource => resource.Contains($":secret:{estate.Settings.SecretPath}/*", StringComparison.Ordinal));
        Assert.Contains(statements, resource => resource.Contains($":parameter/{estate.Settings.SecretPath}/*", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheWorkloadsServiceAccountsHaveNamedRolesOnlyThemselvesMayAssume(string environment)
    {
        var estate = estates[environment];
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");
        var roles = cluster.OfType("AWS::IAM::Role")
            .Where(role => role.Properties["RoleName"] is not null)
            .ToDictionary(role => (string)role.Properties["RoleName"]!, role => role);

        foreach (var account in new[] { "qr-api", "qr-worker", "qr-backup" })
        {
            // deploy/k8s/overlays annotate the service accounts with these names.
            Assert.True(roles.TryGetValue($"qraspire-{environment}-{account}", out var role), $"no role for {account}");
            var conditions = Assert.Single(cluster.OfType("Custom::AWSCDKCfnJson"),
                json => Text(json.Properties["Value"]).Contains($"system:serviceaccount:qraspire-{environment}:{account}", StringComparison.Ordinal));
            Assert.Contains(conditions.Id, role.Properties["AssumeRolePolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);
        }
        var backupPolicy = cluster.OfType("AWS::IAM::Policy").Select(policy => policy.Properties)
            .Single(policy => Text(policy["Roles"]).Length > 0 && policy.ToJsonString().Contains("postgres/*", StringComparison.Ordinal));
        Assert.Contains("s3:DeleteObject", Text(backupPolicy["PolicyDocument"]), StringComparison.Ordinal);
        Assert.Contains("postgres/*", Text(backupPolicy["PolicyDocument"]), StringComparison.Ordinal);
        Assert.Contains("redis/*", Text(backupPolicy["PolicyDocument"]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheApiAndTheWorkerMayListTheFileBucketSoAMissingKeyReadsAsNotFound(string environment)
    {
        var estate = estates[environment];
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");
        var roleIds = cluster.OfType("AWS::IAM::Role")
            .Where(role => role.Properties["RoleName"] is not null
                && ((string)role.Properties["RoleName"]! == $"qraspire-{environment}-qr-api" || (string)role.Properties["RoleName"]! == $"qraspire-{environment}-qr-worker"))
            .Select(role => role.Id)
            .ToList();

        Assert.Equal(2, roleIds.Count);
        foreach (var id in roleIds)
        {
            var documents = cluster.OfType("AWS::IAM::Policy").Where(policy => Text(policy.Properties["Roles"]).Contains(id, StringComparison.Ordinal))
                .Select(policy => Text(policy.Properties["PolicyDocument"]));
            Assert.Contains(documents, document => document.Contains("s3:ListBucket", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void TheConsolesSharedVolumeHasTheEfsDriverAnEncryptedFileSystemAndItsStorageClass(string environment)
    {
        var estate = estates[environment];
        var template = estate.Template(estate.Estate.Cluster);
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");

        template.HasResourceProperties("AWS::EKS::Addon", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AddonName"] = "aws-efs-csi-driver",
            ["ServiceAccountRoleArn"] = Match.AnyValue(),
        }));
        Assert.Single(cluster.OfType("Custom::AWSCDKCfnJson"),
            json => Text(json.Properties["Value"]).Contains("system:serviceaccount:kube-system:efs-csi-controller-sa", StringComparison.Ordinal));
        template.HasResourceProperties("AWS::EFS::FileSystem", Match.ObjectLike(new Dictionary<string, object> { ["Encrypted"] = true }));
        Assert.Contains(cluster.OfType("Custom::AWSCDKEKS-KubernetesResource").Concat(cluster.OfType("Custom::AWSCDK-EKS-KubernetesResource")),
            manifest => Text(manifest.Properties["Manifest"]).Contains("\"kind\":\"StorageClass\"", StringComparison.Ordinal)
                && Text(manifest.Properties["Manifest"]).Contains("\"name\":\"efs-sc\"", StringComparison.Ordinal)
                && Text(manifest.Properties["Manifest"]).Contains("efs.csi.aws.com", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EstateFixture.Environments), MemberType = typeof(EstateFixture))]
    public void ExternalSecretsIsAChartThatKnowsTheStorePrefix(string environment)
    {
        var estate = estates[environment];
        var cluster = estate.Templates.Single(candidate => candidate.Name == $"{estate.Estate.Cluster.StackName}.template.json");

        var chart = Assert.Single(cluster.OfType("Custom::AWSCDK-EKS-HelmChart"),
            helm => (string?)helm.Properties["Chart"] == "external-secrets");
        var version = Version.Parse((string)chart.Properties["Version"]!);

        // deploy/k8s/base/external-secrets.yaml: the stores' aws.prefix, which 0.16 added.
        Assert.True(version >= new Version(0, 16), $"External Secrets chart {version} has no store prefix");
    }

    /// <summary>The text of a manifest: a string, or the string parts of the Fn::Join that splices ARNs into it.</summary>
    private static string Text(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) => text,
        System.Text.Json.Nodes.JsonObject obj => string.Concat(obj.Select(pair => Text(pair.Value))),
        System.Text.Json.Nodes.JsonArray array => string.Concat(array.Select(Text)),
        _ => "",
    };
}
