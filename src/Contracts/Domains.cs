namespace QrAspire.Contracts;

/// <remarks>A branded domain to add, e.g. <c>go.example.com</c> (IDNs and a trailing dot are accepted and normalised).</remarks>
public sealed record DomainRequest
{
    /// <summary>The host name short links are to be served on.</summary>
    public string? Name { get; init; }
}

/// <summary>A branded domain: its DNS TXT record to create, whether it is verified, and when it was last checked.</summary>
/// <param name="Id"><c>dom_…</c>; pass it as <c>domainId</c> when creating a dynamic code.</param>
/// <param name="Name">The normalised host name (lower-case, punycode).</param>
/// <param name="Status"><c>pending</c> until the TXT record is found, then <c>verified</c>.</param>
/// <param name="Record">The TXT record that proves ownership.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
/// <param name="VerifiedAt">When the TXT record was first found (UTC).</param>
/// <param name="CheckedAt">When the TXT record was last looked up (UTC).</param>
/// <param name="Check">What the last lookup found (<c>found</c>, <c>missing</c>, <c>mismatch</c>); only in the answer to a verification.</param>
public sealed record DomainResponse(
    string Id, string Name, string Status, DomainTxtRecord Record, DateTime CreatedAt, DateTime? VerifiedAt, DateTime? CheckedAt, string? Check = null);

/// <summary>A DNS TXT record to create at the domain's DNS provider.</summary>
public sealed record DomainTxtRecord(string Type, string Name, string Value);

/// <remarks>The account's branded domains, by name.</remarks>
public sealed record DomainListResponse(IReadOnlyList<DomainResponse> Items);

/// <summary>The values of <see cref="DomainResponse.Status"/> and <see cref="DomainResponse.Check"/>.</summary>
public static class DomainStates
{
    public const string Pending = "pending";
    public const string Verified = "verified";

    /// <summary>The TXT record holds the token.</summary>
    public const string Found = "found";

    /// <summary>No TXT record at the name.</summary>
    public const string Missing = "missing";

    /// <summary>TXT records exist at the name, but none holds the token.</summary>
    public const string Mismatch = "mismatch";
}
