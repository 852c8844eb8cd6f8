using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Domains;

internal static class DomainMapping
{
    public const string RecordType = "TXT";

    public static DomainResponse ToResponse(this Domain domain, string? check = null) => new(
        domain.Id,
        domain.Name,
        domain.VerifiedAt is null ? DomainStates.Pending : DomainStates.Verified,
        new DomainTxtRecord(RecordType, DomainNames.ChallengeName(domain.Name), domain.Token),
        domain.CreatedAt,
        domain.VerifiedAt,
        domain.CheckedAt,
        check);
}
