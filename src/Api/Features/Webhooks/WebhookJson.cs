using System.Text.Json.Serialization;

namespace QrAspire.Api.Features.Webhooks;

/// <summary>Event payloads that are not contracts (the test event's).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WebhookJson : JsonSerializerContext;
