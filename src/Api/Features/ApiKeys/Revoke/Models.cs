
namespace QrAspire.Api.Features.ApiKeys.Revoke;

public sealed record RevokeApiKeyRequest(string Id);
