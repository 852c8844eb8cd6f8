namespace QrAspire.Deploy.Aws.Secrets;

/// <summary>
/// Every Secrets Manager entry the workloads read. The ExternalSecrets of deploy/k8s/base name their fields (relative
/// to the store's prefix, <c>qraspire/{environment}/</c>) and assemble the Secrets' variables from them and from the
/// endpoint parameters of <see cref="Data.DataStack"/>; a test renders each overlay and checks every reference.
/// </summary>
public static class ServiceSecrets
{
    public const string DatabaseOwner = "database/owner";
    public const string DatabaseApp = "database/app";
    public const string DatabaseRedirector = "database/redirector";
    public const string RedisAuth = "redis/auth";
    public const string JwtSigningKey = "api/jwt";
    public const string SendGrid = "worker/sendgrid";
    public const string WebKeysCertificate = "web/keys-certificate";
    public const string LoggingElasticsearch = "logging/elasticsearch";

    // Letters and digits only: the values go into URLs, and RDS and ElastiCache each refuse some punctuation.
    public static IReadOnlyList<SecretDefinition> Definitions { get; } =
    [
        new(DatabaseOwner, "PostgreSQL master user: owns the schema, runs migrations (qr-migrate)", "password", 32,
            new Dictionary<string, string> { ["username"] = "qraspire_owner" }),
        new(DatabaseApp, "PostgreSQL application role (Api, Worker); created once by the owner", "password", 32,
            new Dictionary<string, string> { ["username"] = "qraspire_app" }),
        new(DatabaseRedirector, "PostgreSQL read-only role of the Redirector; the migrator sets its password", "password", 32,
            new Dictionary<string, string> { ["username"] = "qr_redirector" }),
        new(RedisAuth, "ElastiCache Redis AUTH token", "token", 64),
        new(JwtSigningKey, "HS256 key signing the Api's access tokens (JWT_SECRET)", "key", 64),
        new(SendGrid, "SendGrid API key of the Worker's mail; generated as a placeholder, set the real key after the first deploy",
            "key", 64),
        // Secrets Manager cannot make a certificate: "pfx" (the .pfx, base64) starts empty; put the real one, made with
        // this password, before the console's first start (docs/operations/aws.md).
        new(WebKeysCertificate, "The .pfx (base64, field pfx) that encrypts the web console's Data Protection keys and its password",
            "password", 32, new Dictionary<string, string> { ["pfx"] = "" }),
        new(LoggingElasticsearch, "Elasticsearch user of the log shipper (Fluent Bit); create the user with this password",
            "password", 32, new Dictionary<string, string> { ["username"] = "qraspire-log-shipper" }),
    ];

    public static SecretDefinition Definition(string path) => Definitions.Single(definition => definition.Path == path);

    /// <summary>
    /// Variables the Secret template allows but the estate does not need: the Api's and Worker's pods reach S3
    /// through their IAM roles (IRSA, <see cref="Cluster.ClusterStack"/>), so no long-lived access key exists.
    /// </summary>
    public static IReadOnlyList<string> ServedByPodRoles { get; } = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
}
