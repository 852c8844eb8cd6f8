using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.Contracts;

/// <summary>The Api's JSON: camelCase names, enums as snake_case strings, the content's <c>type</c> anywhere in its object.</summary>
public static class ContractsJson
{
    /// <summary>Options that read and write every contract without reflection (<see cref="ContractsJsonContext"/>).</summary>
    public static JsonSerializerOptions Options { get; } = new(ContractsJsonContext.Default.Options);
}

/// <summary>Writes and reads <typeparamref name="TEnum"/> as a snake_case string, as the Api does (<c>rounded</c>, <c>wpa</c>).</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;

/// <summary>Source-generated metadata for every contract, so clients (and Native AOT ones) need no reflection.</summary>
// Nulls are left out: a client's request then says only what it sets (an absent field of a change stays as it is).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    AllowOutOfOrderMetadataProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<ModuleShape>), typeof(SnakeCaseEnumConverter<EyeShape>), typeof(SnakeCaseEnumConverter<WifiSecurity>)])]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(TokenPair))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(LogoutRequest))]
[JsonSerializable(typeof(VerifyEmailRequest))]
[JsonSerializable(typeof(PasswordResetRequest))]
[JsonSerializable(typeof(PasswordResetConfirmRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(CreatedApiKeyResponse))]
[JsonSerializable(typeof(ApiKeyListResponse))]
[JsonSerializable(typeof(CreateQrCodeRequest))]
[JsonSerializable(typeof(UpdateQrCodeRequest))]
[JsonSerializable(typeof(QrCodeResponse))]
[JsonSerializable(typeof(QrCodeRouting))]
[JsonSerializable(typeof(RoutingPreviewRequest))]
[JsonSerializable(typeof(RoutingPreviewResponse))]
[JsonSerializable(typeof(QrCodePage))]
[JsonSerializable(typeof(DomainRequest))]
[JsonSerializable(typeof(DomainResponse))]
[JsonSerializable(typeof(DomainListResponse))]
[JsonSerializable(typeof(WebhookEndpointRequest))]
[JsonSerializable(typeof(WebhookEndpointUpdate))]
[JsonSerializable(typeof(WebhookEndpointResponse))]
[JsonSerializable(typeof(WebhookEndpointListResponse))]
[JsonSerializable(typeof(WebhookDeliveryResponse))]
[JsonSerializable(typeof(WebhookDeliveryListResponse))]
[JsonSerializable(typeof(BrandKitRequest))]
[JsonSerializable(typeof(BrandKitResponse))]
[JsonSerializable(typeof(BrandKitListResponse))]
[JsonSerializable(typeof(RenderRequest))]
[JsonSerializable(typeof(RenderCheckRequest))]
[JsonSerializable(typeof(RenderCheckResponse))]
[JsonSerializable(typeof(LogoResponse))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(BatchPage))]
[JsonSerializable(typeof(AnalyticsReport))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(WorkspaceRequest))]
[JsonSerializable(typeof(WorkspaceResponse))]
[JsonSerializable(typeof(WorkspaceListResponse))]
[JsonSerializable(typeof(WorkspaceMemberResponse))]
[JsonSerializable(typeof(WorkspaceMemberListResponse))]
[JsonSerializable(typeof(WorkspaceMemberUpdate))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(InvitationListResponse))]
[JsonSerializable(typeof(InvitationAcceptRequest))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(bool))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
