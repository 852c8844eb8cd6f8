using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.Api.Common;

/// <summary>
/// An RFC 9457 problem: every error the Api returns has this shape, with a stable <see cref="Type"/>
/// (<c>https://qraspire.dev/problems/{slug}</c>) and, for validation, the field errors.
/// </summary>
public sealed record ApiProblem
{
    /// <summary>Media type of every error response.</summary>
    public const string ContentType = ProblemTypes.ContentType;

    private const string TypeBase = ProblemTypes.Base;

    /// <summary>Stable identifier of the kind of problem.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Short human summary of the kind of problem.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>The HTTP status.</summary>
    [JsonPropertyName("status")]
    public required int Status { get; init; }

    /// <summary>What happened in this case.</summary>
    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("instance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }

    /// <summary>The trace id, to find the request in logs and traces.</summary>
    [JsonPropertyName("traceId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }

    /// <summary>Field errors (validation problems only).</summary>
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldError>? Errors { get; init; }

    /// <summary>Members particular to one kind of problem (RFC 9457 extensions), e.g. a refused batch's <c>rows</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }

    /// <summary>Builds a problem of kind <paramref name="slug"/>.</summary>
    public static ApiProblem Of(int status, string slug, string title, string? detail = null, IReadOnlyList<FieldError>? errors = null) => new()
    {
        Type = TypeBase + slug,
        Title = title,
        Status = status,
        Detail = detail,
        Errors = errors,
    };

    /// <summary>This problem with the request's path and trace id filled in.</summary>
    public ApiProblem For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this with
        {
            Instance = Instance ?? context.Request.Path.Value,
            TraceId = TraceId ?? Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier,
        };
    }
}

[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
