using System.Text.Json.Nodes;

namespace QrAspire.Deploy.Tests.Policy;

/// <summary>
/// What every template of an environment must hold, checked by resource type over the raw JSON, so a resource in a
/// new stack is held to it without a new test. Each rule returns one line per violation naming the resource.
/// </summary>
public static class EstatePolicy
{
    /// <summary>The tag of the one security group that may accept traffic from anywhere, on 443 only.</summary>
    public const string RoleTag = Aws.Network.NetworkStack.RoleTag;
    public const string PublicLoadBalancerRole = Aws.Network.NetworkStack.PublicLoadBalancerRole;

    public const int MinimumBackupRetentionDays = 30;

    public static IEnumerable<string> Violations(IReadOnlyList<SynthesizedTemplate> templates, bool production) =>
        templates.SelectMany(template =>
            Databases(template, production)
                .Concat(Caches(template))
                .Concat(Buckets(template))
                .Concat(Volumes(template))
                .Concat(Subnets(template))
                .Concat(Ingress(template))
                .Concat(Secrets(template))
                .Select(violation => $"{template.Name}: {violation}"));

    public static IEnumerable<string> Databases(SynthesizedTemplate template, bool production)
    {
        foreach (var type in new[] { "AWS::RDS::DBInstance", "AWS::RDS::DBCluster" })
        {
            foreach (var (id, properties, resource) in template.OfType(type))
            {
                if (type == "AWS::RDS::DBInstance" && !IsTrue(properties["MultiAZ"]))
                {
                    yield return $"{id}: not Multi-AZ";
                }
                if (!IsTrue(properties["StorageEncrypted"]))
                {
                    yield return $"{id}: storage not encrypted";
                }
                if (!(Number(properties["BackupRetentionPeriod"]) >= MinimumBackupRetentionDays))
                {
                    yield return $"{id}: backups kept fewer than {MinimumBackupRetentionDays} days";
                }
                if (production && !IsTrue(properties["DeletionProtection"]))
                {
                    yield return $"{id}: no deletion protection in production";
                }
                if (Text(resource["DeletionPolicy"]) is not ("Snapshot" or "Retain"))
                {
                    yield return $"{id}: deleted with its stack (DeletionPolicy neither Snapshot nor Retain)";
                }
            }
        }
    }

    public static IEnumerable<string> Caches(SynthesizedTemplate template)
    {
        foreach (var (id, _, _) in template.OfType("AWS::ElastiCache::CacheCluster"))
        {
            yield return $"{id}: a single cache node: no replica, no encryption in transit (use a replication group)";
        }
        foreach (var (id, properties, _) in template.OfType("AWS::ElastiCache::ReplicationGroup"))
        {
            if (!IsTrue(properties["AtRestEncryptionEnabled"]))
            {
                yield return $"{id}: not encrypted at rest";
            }
            if (!IsTrue(properties["TransitEncryptionEnabled"]))
            {
                yield return $"{id}: not encrypted in transit";
            }
            if (!IsTrue(properties["AutomaticFailoverEnabled"]) || !(Number(properties["ReplicasPerNodeGroup"]) >= 1))
            {
                yield return $"{id}: no replica to fail over to";
            }
            if (!(Number(properties["SnapshotRetentionLimit"]) >= 1))
            {
                yield return $"{id}: no snapshots kept";
            }
        }
    }

    public static IEnumerable<string> Buckets(SynthesizedTemplate template)
    {
        foreach (var (id, properties, resource) in template.OfType("AWS::S3::Bucket"))
        {
            if (properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"] is not JsonArray { Count: > 0 })
            {
                yield return $"{id}: not encrypted at rest";
            }
            if (Text(properties["VersioningConfiguration"]?["Status"]) != "Enabled")
            {
                yield return $"{id}: not versioned";
            }
            var block = properties["PublicAccessBlockConfiguration"];
            if (new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }
                .Any(setting => !IsTrue(block?[setting])))
            {
                yield return $"{id}: public access not blocked";
            }
            if (!Array(properties["LifecycleConfiguration"]?["Rules"])
                .Any(rule => rule?["AbortIncompleteMultipartUpload"] is not null))
            {
                yield return $"{id}: incomplete multipart uploads never aborted";
            }
            if (Text(resource["DeletionPolicy"]) != "Retain")
            {
                yield return $"{id}: deleted with its stack";
            }
        }
    }

    public static IEnumerable<string> Volumes(SynthesizedTemplate template)
    {
        foreach (var (id, properties, _) in template.OfType("AWS::EFS::FileSystem"))
        {
            if (!IsTrue(properties["Encrypted"]))
            {
                yield return $"{id}: EFS file system not encrypted";
            }
        }
        foreach (var (id, properties, _) in template.OfType("AWS::EC2::Volume"))
        {
            if (!IsTrue(properties["Encrypted"]))
            {
                yield return $"{id}: EBS volume not encrypted";
            }
        }
        foreach (var (id, properties, _) in template.OfType("AWS::EC2::LaunchTemplate"))
        {
            foreach (var mapping in Array(properties["LaunchTemplateData"]?["BlockDeviceMappings"]))
            {
                if (mapping?["Ebs"] is { } ebs && !IsTrue(ebs["Encrypted"]))
                {
                    yield return $"{id}: launch template volume {Text(mapping["DeviceName"])} not encrypted";
                }
            }
        }
        foreach (var (id, properties, _) in template.OfType("AWS::EC2::Instance"))
        {
            var mappings = Array(properties["BlockDeviceMappings"]);
            if (mappings.Count == 0 || mappings.Any(mapping => !IsTrue(mapping?["Ebs"]?["Encrypted"])))
            {
                yield return $"{id}: instance root volume not declared encrypted";
            }
        }
        foreach (var (id, properties, _) in template.OfType("AWS::EKS::Nodegroup"))
        {
            // Without a launch template the node group's disks follow the account's default, unencrypted unless set.
            if (properties["LaunchTemplate"] is null)
            {
                yield return $"{id}: node group without a launch template (its volumes' encryption is not declared)";
            }
        }
    }

    public static IEnumerable<string> Subnets(SynthesizedTemplate template)
    {
        var internetGateways = template.OfType("AWS::EC2::InternetGateway").Select(gateway => gateway.Id).ToHashSet();
        var routeTables = template.OfType("AWS::EC2::SubnetRouteTableAssociation")
            .ToLookup(association => RefId(association.Properties["SubnetId"]),
                association => RefId(association.Properties["RouteTableId"]));
        var routes = template.OfType("AWS::EC2::Route")
            .ToLookup(route => RefId(route.Properties["RouteTableId"]), route => route.Properties);

        foreach (var (id, properties, _) in template.OfType("AWS::EC2::Subnet"))
        {
            if (IsTrue(properties["MapPublicIpOnLaunch"]))
            {
                yield return $"{id}: gives instances public addresses";
            }
            var type = Tag(properties, "aws-cdk:subnet-type");
            var subnetRoutes = routeTables[id].SelectMany(table => routes[table]).ToList();
            if (type != "Public" && subnetRoutes.Any(route => internetGateways.Contains(RefId(route["GatewayId"]) ?? "")))
            {
                yield return $"{id}: a {type ?? "untyped"} subnet routes to the internet gateway";
            }
            if (type == "Isolated" && subnetRoutes.Count > 0)
            {
                yield return $"{id}: a data (isolated) subnet has a route out of the VPC";
            }
        }
    }

    public static IEnumerable<string> Ingress(SynthesizedTemplate template)
    {
        var groups = template.OfType("AWS::EC2::SecurityGroup").ToDictionary(group => group.Id, group => group.Properties);
        bool IsPublicLoadBalancer(string? groupId) =>
            groupId is not null && groups.TryGetValue(groupId, out var group)
            && Tag(group, RoleTag) == PublicLoadBalancerRole;

        var rules = groups.SelectMany(group => Array(group.Value["SecurityGroupIngress"])
                .Select(rule => (Group: (string?)group.Key, Rule: rule as JsonObject ?? [])))
            .Concat(template.OfType("AWS::EC2::SecurityGroupIngress")
                .Select(rule => (Group: RefId(rule.Properties["GroupId"]), Rule: rule.Properties)));

        foreach (var (group, rule) in rules)
        {
            var open = Text(rule["CidrIp"]) == "0.0.0.0/0" || Text(rule["CidrIpv6"]) == "::/0";
            if (!open)
            {
                continue;
            }
            var https = Text(rule["IpProtocol"]) == "tcp" && Number(rule["FromPort"]) == 443 && Number(rule["ToPort"]) == 443;
            if (!https || !IsPublicLoadBalancer(group))
            {
                yield return $"{group ?? "an imported group"}: open to the internet on {Text(rule["IpProtocol"])} "
                    + $"{Number(rule["FromPort"])}-{Number(rule["ToPort"])} (only the public ALB's 443 may be)";
            }
        }
    }

    public static IEnumerable<string> Secrets(SynthesizedTemplate template)
    {
        foreach (var (id, _, _) in template.OfType("AWS::IAM::AccessKey"))
        {
            yield return $"{id}: a long-lived access key (pods use IAM roles)";
        }
        foreach (var (id, properties, _) in template.OfType("AWS::SecretsManager::Secret"))
        {
            if (properties["SecretString"] is not null || properties["GenerateSecretString"] is null)
            {
                yield return $"{id}: a secret whose value is in the template instead of generated";
            }
        }
        foreach (var (id, _, _, resource) in template.Resources)
        {
            foreach (var (path, value) in SecretValued(resource, ""))
            {
                yield return $"{id}{path}: a secret given as plain text ({Describe(value)}) instead of a Secrets Manager reference";
            }
            if (resource.ToJsonString().Contains("REPLACE_ME", StringComparison.Ordinal))
            {
                yield return $"{id}: holds a secret template's placeholder";
            }
        }
    }

    /// <summary>
    /// Properties that carry a secret (a password, a token, a key, a secret string) and whose value resolves nothing
    /// from Secrets Manager: a literal, or an expression without a <c>{{resolve:secretsmanager:…}}</c> reference.
    /// </summary>
    private static IEnumerable<(string Path, JsonNode? Value)> SecretValued(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (IsSecretName(key) && value is not null && !ResolvesFromSecretsManager(value))
                    {
                        yield return ($"{path}/{key}", value);
                        continue;
                    }
                    foreach (var found in SecretValued(value, $"{path}/{key}"))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonArray array:
                foreach (var found in array.SelectMany((item, index) => SecretValued(item, $"{path}[{index}]")))
                {
                    yield return found;
                }
                break;
        }
    }

    private static bool IsSecretName(string key) =>
        key.EndsWith("Password", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("_SECRET", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("_KEY", StringComparison.OrdinalIgnoreCase) && !key.EndsWith("PUBLIC_KEY", StringComparison.OrdinalIgnoreCase)
        || key is "AuthToken" or "SecretString" or "ApiKey" or "PrivateKey" or "SecretAccessKey";

    private static bool ResolvesFromSecretsManager(JsonNode value) =>
        value.ToJsonString().Contains("{{resolve:secretsmanager:", StringComparison.Ordinal);

    private static string Describe(JsonNode? value) => value is JsonValue ? "a literal" : "an expression";

    private static bool IsTrue(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<bool>(out var b) ? b : Text(value) == "true");

    private static double Number(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<double>(out var number) ? number
        : double.TryParse(Text(value), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN
        : double.NaN;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    private static JsonArray Array(JsonNode? node) => node as JsonArray ?? [];

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> points at, null for anything else.</summary>
    private static string? RefId(JsonNode? node) => node switch
    {
        JsonObject obj when obj["Ref"] is JsonValue reference => Text(reference),
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray { Count: > 0 } attribute => Text(attribute[0]),
        _ => null,
    };

    private static string? Tag(JsonObject properties, string key) =>
        Text(Array(properties["Tags"]).FirstOrDefault(tag => Text(tag?["Key"]) == key)?["Value"]);
}
