using System.Text.Json;
using System.Text.Json.Serialization;
using QrAspire.Data.Model;

namespace QrAspire.QrCodes;

/// <summary>How content and style are stored in <see cref="QrCode.Payload"/> and <see cref="QrCode.Style"/>: the Api's own JSON.</summary>
public static class QrCodeJson
{
    /// <summary>camelCase, snake_case enums, the content's <c>type</c> anywhere in the object.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The stored content of a static code, or null.</summary>
    public static QrContent? ContentOf(QrCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Payload is null ? null : JsonSerializer.Deserialize<QrContent>(code.Payload, Options);
    }

    /// <summary>The stored style, or null.</summary>
    public static QrCodeStyle? StyleOf(QrCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Style is null ? null : JsonSerializer.Deserialize<QrCodeStyle>(code.Style, Options);
    }

    /// <summary>The stored routing, or null.</summary>
    public static QrCodeRouting? RoutingOf(QrCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Routing is null ? null : JsonSerializer.Deserialize<QrCodeRouting>(code.Routing, Options);
    }

    /// <summary>Routing as stored; one that says nothing is stored as null.</summary>
    public static string? Serialize(QrCodeRouting? routing) => RoutingChecks.IsEmpty(routing) ? null : JsonSerializer.Serialize(routing, RoutingOptions);

    // Absent fields stay absent in the stored JSON: the Redirector reads it with the contracts' own (null-omitting) context.
    private static readonly JsonSerializerOptions RoutingOptions = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Content as stored.</summary>
    public static string? Serialize(QrContent? content) => content is null ? null : JsonSerializer.Serialize(content, Options);

    /// <summary>Style as stored.</summary>
    public static string? Serialize(QrCodeStyle? style) => style is null ? null : JsonSerializer.Serialize(style, Options);
}
