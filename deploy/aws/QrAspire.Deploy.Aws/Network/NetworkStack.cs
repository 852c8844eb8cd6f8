using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace QrAspire.Deploy.Aws.Network;

/// <summary>
/// The VPC over three availability zones: public subnets (the ALB, NAT gateways), private subnets with egress
/// (EKS nodes and pods, the bastion), isolated data subnets (RDS, ElastiCache) with no route out of the VPC; flow
/// logs; the security group of the internet-facing ALB; the bastion.
/// </summary>
public sealed class NetworkStack : Stack
{
    public const string PublicSubnets = "public";
    public const string PrivateSubnets = "private";
    public const string DataSubnets = "data";

    /// <summary>Tag that marks the one security group allowed to accept traffic from the internet.</summary>
    public const string RoleTag = "qraspire:role";
    public const string PublicLoadBalancerRole = "public-load-balancer";

    public Vpc Vpc { get; }
    public SecurityGroup LoadBalancerSecurityGroup { get; }
    public BastionHostLinux Bastion { get; }

    public NetworkStack(Construct scope, string id, EnvironmentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(settings.VpcCidr),
            AvailabilityZones = settings.AvailabilityZones.ToArray(),
            NatGateways = settings.NatGateways,
            RestrictDefaultSecurityGroup = true,
            SubnetConfiguration =
            [
                // Nothing here gets a public address by default: the ALB and the NAT gateways bring their own.
                new SubnetConfiguration
                {
                    Name = PublicSubnets, SubnetType = SubnetType.PUBLIC, CidrMask = 24, MapPublicIpOnLaunch = false,
                },
                // /19: the VPC CNI gives every pod an address of its node's subnet.
                new SubnetConfiguration { Name = PrivateSubnets, SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 19 },
                new SubnetConfiguration { Name = DataSubnets, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
        });

        // The AWS Load Balancer Controller finds its subnets by these tags.
        foreach (var subnet in Vpc.PublicSubnets)
        {
            Amazon.CDK.Tags.Of(subnet).Add("kubernetes.io/role/elb", "1");
        }
        foreach (var subnet in Vpc.PrivateSubnets)
        {
            Amazon.CDK.Tags.Of(subnet).Add("kubernetes.io/role/internal-elb", "1");
        }

        var flowLogs = new LogGroup(this, "FlowLogs", new LogGroupProps
        {
            LogGroupName = $"/{settings.Prefix}/vpc-flow-logs",
            Retention = settings.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogs),
            TrafficType = FlowLogTrafficType.ALL,
        });

        // HTTPS only: the CDN in front speaks TLS to the origin (CloudFlare "Full (strict)"), so port 80 stays shut.
        LoadBalancerSecurityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Internet-facing ALB of the ingress: HTTPS from the CDN",
            AllowAllOutbound = true,
        });
        LoadBalancerSecurityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS from the CDN");
        Amazon.CDK.Tags.Of(LoadBalancerSecurityGroup).Add(RoleTag, PublicLoadBalancerRole);

        // The bastion sits in a private subnet with no inbound rule at all: operators reach it through AWS Systems
        // Manager Session Manager (`aws ssm start-session`, port forwarding to the EKS API or RDS). No SSH port open
        // to the internet means no keys to hand out, rotate and revoke, no brute-force target, and every session is
        // authorised by IAM and recorded in CloudTrail; the instance reaches SSM outbound through the NAT gateways.
        Bastion = new BastionHostLinux(this, "Bastion", new BastionHostLinuxProps
        {
            Vpc = Vpc,
            SubnetSelection = new SubnetSelection { SubnetGroupName = PrivateSubnets },
            InstanceName = $"{settings.Prefix}-bastion",
            InstanceType = new InstanceType("t3.micro"),
            RequireImdsv2 = true,
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(16, new EbsDeviceOptions
                    {
                        Encrypted = true, VolumeType = EbsDeviceVolumeType.GP3,
                    }),
                },
            ],
        });

        _ = new StringParameter(this, "LoadBalancerSecurityGroupParameter", new StringParameterProps
        {
            ParameterName = $"/{settings.SecretPath}/network/load-balancer-security-group",
            Description = "Security group of the ingress ALB (alb.ingress.kubernetes.io/security-groups)",
            StringValue = LoadBalancerSecurityGroup.SecurityGroupId,
        });
        _ = new CfnOutput(this, "VpcId", new CfnOutputProps { Value = Vpc.VpcId });
        _ = new CfnOutput(this, "BastionInstanceId", new CfnOutputProps
        {
            Value = Bastion.InstanceId,
            Description = "aws ssm start-session --target <this>",
        });
    }

    public SubnetSelection DataSubnetSelection => new() { SubnetGroupName = DataSubnets };
    public SubnetSelection PrivateSubnetSelection => new() { SubnetGroupName = PrivateSubnets };
}
