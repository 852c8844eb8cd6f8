namespace QrAspire.Deploy.Aws.Secrets;

/// <summary>
/// Every secret the services read (deploy/k8s/base/secret.template.yaml, docs/configuration.md) and where each
/// variable's value comes from.
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
        new(WebKeysCertificate, "Password of the .pfx that encrypts the web console's Data Protection keys", "password", 32),
    ];

    public static SecretDefinition Definition(string path) => Definitions.Single(definition => definition.Path == path);

    private const string RedisUrl = "rediss://{param:redis/host}:{param:redis/port}/0";

    public static IReadOnlyList<SecretVariable> Variables { get; } =
    [
        new("qr-migrate-secrets", "DATABASE_URL", DatabaseUrl(DatabaseOwner)),
        new("qr-migrate-secrets", "REDIRECTOR_DATABASE_PASSWORD", "{database/redirector:password}"),

        new("qr-api-secrets", "DATABASE_URL", DatabaseUrl(DatabaseApp)),
        new("qr-api-secrets", "REDIS_URL", RedisUrl),
        new("qr-api-secrets", "REDIS_PASSWORD", "{redis/auth:token}"),
        new("qr-api-secrets", "JWT_SECRET", "{api/jwt:key}"),

        new("qr-redirector-secrets", "DATABASE_URL", DatabaseUrl(DatabaseRedirector)),
        new("qr-redirector-secrets", "REDIS_URL", RedisUrl),
        new("qr-redirector-secrets", "REDIS_PASSWORD", "{redis/auth:token}"),

        new("qr-worker-secrets", "DATABASE_URL", DatabaseUrl(DatabaseApp)),
        new("qr-worker-secrets", "REDIS_URL", RedisUrl),
        new("qr-worker-secrets", "REDIS_PASSWORD", "{redis/auth:token}"),
        new("qr-worker-secrets", "SENDGRID_API_KEY", "{worker/sendgrid:key}"),

        new("qr-web-secrets", "WEB_KEYS_CERTIFICATE_PASSWORD", "{web/keys-certificate:password}"),
        new("qr-web-secrets", "ConnectionStrings__redis",
            "{param:redis/host}:{param:redis/port},password={redis/auth:token},ssl=true"),
    ];

    /// <summary>
    /// Variables the Secret template allows but the estate does not need: the Api's and Worker's pods reach S3
    /// through their IAM roles (IRSA, <see cref="Cluster.ClusterStack"/>), so no long-lived access key exists.
    /// </summary>
    public static IReadOnlyList<string> ServedByPodRoles { get; } = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

    private static string DatabaseUrl(string secret) =>
        $"postgresql://{{{secret}:username}}:{{{secret}:password}}@{{param:database/host}}:{{param:database/port}}/qraspire?sslmode=require";
}
