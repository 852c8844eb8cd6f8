namespace QrAspire.Api.Tests.Security;

/// <summary>How a caller authenticates, as far as authorization cares.</summary>
internal enum CallerKind
{
    /// <summary>No credentials.</summary>
    Anonymous,

    /// <summary>The account that owns the resources in the path.</summary>
    Owner,

    /// <summary>Another account: valid credentials, someone else's resources.</summary>
    OtherAccount,

    /// <summary>One of the owner's API keys, with <see cref="Caller.Scopes"/>.</summary>
    ApiKey,

    /// <summary>Credentials that must not work: a revoked key, an expired token.</summary>
    Invalid,

    /// <summary>A member of the shared workspace the request names, with <see cref="Caller.Role"/>.</summary>
    Member,

    /// <summary>Someone naming a shared workspace they are not a member of.</summary>
    NonMember,
}

/// <summary>
/// A caller of the matrix: its name in failure messages, its bearer credential, its kind and scopes, and for members
/// their role and the workspace their requests name (the workspace header).
/// </summary>
internal sealed record Caller(string Name, string? Bearer, CallerKind Kind, IReadOnlySet<string> Scopes, string? Role = null, string? Workspace = null)
{
    public static readonly string[] AllScopes = ["codes:read", "codes:write", "analytics:read"];
}
