namespace QrAspire.Deploy.Tests.Policy;

/// <summary>Each rule of the policy catches what it is there to catch, on small templates written for it.</summary>
public sealed class EstatePolicyRuleTests
{
    [Fact]
    public void ASingleAzUnencryptedDatabaseWithShortBackupsAndNoProtectionIsRefusedInProduction()
    {
        var template = Template("""
            { "Db": { "Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Delete",
                      "Properties": { "MultiAZ": false, "BackupRetentionPeriod": 7 } } }
            """);

        var violations = EstatePolicy.Databases(template, production: true).ToList();

        Assert.Contains(violations, violation => violation.Contains("not Multi-AZ"));
        Assert.Contains(violations, violation => violation.Contains("storage not encrypted"));
        Assert.Contains(violations, violation => violation.Contains("fewer than 30 days"));
        Assert.Contains(violations, violation => violation.Contains("no deletion protection"));
        Assert.Contains(violations, violation => violation.Contains("deleted with its stack"));
        Assert.DoesNotContain(EstatePolicy.Databases(template, production: false),
            violation => violation.Contains("deletion protection"));
    }

    [Fact]
    public void ADatabaseWithoutABackupSettingIsRefused()
    {
        var template = Template("""
            { "Db": { "Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot",
                      "Properties": { "MultiAZ": true, "StorageEncrypted": true } } }
            """);

        Assert.Contains(EstatePolicy.Databases(template, production: false),
            violation => violation.Contains("fewer than 30 days"));
    }

    [Fact]
    public void AnUnencryptedCacheWithoutReplicasIsRefused()
    {
        var template = Template("""
            { "Cache": { "Type": "AWS::ElastiCache::ReplicationGroup",
                         "Properties": { "AtRestEncryptionEnabled": true, "ReplicasPerNodeGroup": 0 } } }
            """);

        var violations = EstatePolicy.Caches(template).ToList();

        Assert.Contains(violations, violation => violation.Contains("not encrypted in transit"));
        Assert.Contains(violations, violation => violation.Contains("no replica"));
        Assert.Contains(violations, violation => violation.Contains("no snapshots"));
        Assert.DoesNotContain(violations, violation => violation.Contains("at rest"));
    }

    [Fact]
    public void APlainBucketIsRefusedOnEveryCount()
    {
        var template = Template("""{ "Files": { "Type": "AWS::S3::Bucket", "Properties": {} } }""");

        var violations = EstatePolicy.Buckets(template).ToList();

        Assert.Equal(5, violations.Count);
    }

    [Fact]
    public void UnencryptedVolumesAndFileSystemsAndANodeGroupWithoutLaunchTemplateAreRefused()
    {
        var template = Template("""
            {
              "Volume": { "Type": "AWS::EC2::Volume", "Properties": { "Size": 8 } },
              "Shared": { "Type": "AWS::EFS::FileSystem", "Properties": { "Encrypted": false } },
              "Nodes": { "Type": "AWS::EKS::Nodegroup", "Properties": { "DiskSize": 20 } },
              "Host": { "Type": "AWS::EC2::Instance", "Properties": { "InstanceType": "t3.micro" } },
              "Template": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": {
                "BlockDeviceMappings": [ { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 20 } } ] } } }
            }
            """);

        var violations = EstatePolicy.Volumes(template).ToList();

        Assert.Equal(["Shared", "Volume", "Template", "Host", "Nodes"], violations.Select(violation => violation.Split(':')[0]));
    }

    [Fact]
    public void ADataSubnetWithARouteOutOrAPrivateSubnetRoutedToTheInternetGatewayIsRefused()
    {
        var template = Template("""
            {
              "Igw": { "Type": "AWS::EC2::InternetGateway" },
              "Data": { "Type": "AWS::EC2::Subnet", "Properties": { "MapPublicIpOnLaunch": true,
                "Tags": [ { "Key": "aws-cdk:subnet-type", "Value": "Isolated" } ] } },
              "DataTable": { "Type": "AWS::EC2::RouteTable" },
              "DataAssociation": { "Type": "AWS::EC2::SubnetRouteTableAssociation",
                "Properties": { "SubnetId": { "Ref": "Data" }, "RouteTableId": { "Ref": "DataTable" } } },
              "DataRoute": { "Type": "AWS::EC2::Route", "Properties": { "RouteTableId": { "Ref": "DataTable" },
                "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": { "Ref": "Igw" } } },
              "Public": { "Type": "AWS::EC2::Subnet", "Properties": {
                "Tags": [ { "Key": "aws-cdk:subnet-type", "Value": "Public" } ] } },
              "PublicTable": { "Type": "AWS::EC2::RouteTable" },
              "PublicAssociation": { "Type": "AWS::EC2::SubnetRouteTableAssociation",
                "Properties": { "SubnetId": { "Ref": "Public" }, "RouteTableId": { "Ref": "PublicTable" } } },
              "PublicRoute": { "Type": "AWS::EC2::Route", "Properties": { "RouteTableId": { "Ref": "PublicTable" },
                "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": { "Ref": "Igw" } } }
            }
            """);

        var violations = EstatePolicy.Subnets(template).ToList();

        Assert.Equal(3, violations.Count);
        Assert.All(violations, violation => Assert.StartsWith("Data:", violation));
    }

    [Fact]
    public void OnlyThePublicLoadBalancersHttpsPortMayBeOpenToTheInternet()
    {
        var template = Template("""
            {
              "Alb": { "Type": "AWS::EC2::SecurityGroup", "Properties": {
                "Tags": [ { "Key": "qraspire:role", "Value": "public-load-balancer" } ],
                "SecurityGroupIngress": [
                  { "CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443 },
                  { "CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": 80, "ToPort": 80 } ] } },
              "Db": { "Type": "AWS::EC2::SecurityGroup", "Properties": {
                "SecurityGroupIngress": [ { "CidrIp": "10.0.0.0/19", "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432 } ] } },
              "Bastion": { "Type": "AWS::EC2::SecurityGroup", "Properties": {} },
              "Ssh": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
                "GroupId": { "Fn::GetAtt": [ "Bastion", "GroupId" ] },
                "CidrIpv6": "::/0", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22 } },
              "Https": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
                "GroupId": { "Fn::GetAtt": [ "Bastion", "GroupId" ] },
                "CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443 } }
            }
            """);

        var violations = EstatePolicy.Ingress(template).ToList();

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, violation => violation.StartsWith("Alb:") && violation.Contains("80-80"));
        Assert.Equal(2, violations.Count(violation => violation.StartsWith("Bastion:")));
    }

    [Fact]
    public void PlainTextSecretsAreRefusedAndSecretsManagerReferencesAccepted()
    {
        var template = Template("""
            {
              "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "MasterUserPassword": "hunter2hunter2" } },
              "Cache": { "Type": "AWS::ElastiCache::ReplicationGroup", "Properties": { "AuthToken":
                { "Fn::Join": [ "", [ "{{resolve:secretsmanager:", { "Ref": "Token" }, ":SecretString:token::}}" ] ] } } },
              "Fixed": { "Type": "AWS::SecretsManager::Secret", "Properties": { "SecretString": "{\"key\":\"abc\"}" } },
              "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Environment": { "Variables": {
                "JWT_SECRET": "0123456789abcdef0123456789abcdef", "LOG_LEVEL": "info" } } } },
              "Key": { "Type": "AWS::IAM::AccessKey", "Properties": { "UserName": "ci" } },
              "Chart": { "Type": "Custom::Chart", "Properties": { "Values": "{\"password\":\"REPLACE_ME\"}" } }
            }
            """);

        var violations = EstatePolicy.Secrets(template).ToList();

        Assert.Contains(violations, violation => violation.StartsWith("Db/Properties/MasterUserPassword:"));
        Assert.Contains(violations, violation => violation.StartsWith("Fixed:"));
        Assert.Contains(violations, violation => violation.StartsWith("Fixed/Properties/SecretString:"));
        Assert.Contains(violations, violation => violation.StartsWith("Fn/Properties/Environment/Variables/JWT_SECRET:"));
        Assert.Contains(violations, violation => violation.StartsWith("Key:"));
        Assert.Contains(violations, violation => violation.StartsWith("Chart:") && violation.Contains("placeholder"));
        Assert.DoesNotContain(violations, violation => violation.StartsWith("Cache"));
        Assert.DoesNotContain(violations, violation => violation.Contains("LOG_LEVEL"));
    }

    private static SynthesizedTemplate Template(string resources) =>
        SynthesizedTemplate.Parse("test.template.json", $$"""{ "Resources": {{resources}} }""");
}
