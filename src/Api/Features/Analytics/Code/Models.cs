namespace QrAspire.Api.Features.Analytics.Code;

public sealed record CodeAnalyticsRequest(string Id);
