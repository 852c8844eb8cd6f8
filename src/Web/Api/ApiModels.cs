using System.Text.Json;
using System.Text.Json.Serialization;

namespace QrAspire.Web.Api;

// The Api's JSON as the console reads it (camelCase, enums as snake_case strings). Only what the console uses.

/// <summary>An access token and a refresh token.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

/// <summary>The signed-in account.</summary>
public sealed record AccountInfo(string Id, string Email, bool EmailVerified, DateTime CreatedAt);

/// <summary>What registering returns.</summary>
public sealed record RegisterResult(AccountInfo Account, TokenPair Tokens);

/// <summary>A saved or requested look; null fields take the Api's defaults.</summary>
public sealed record QrStyle
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Size { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? QuietZone { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Foreground { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Background { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Modules { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Eyes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ErrorCorrection { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LogoId { get; init; }
}

/// <summary>A QR code as the Api shows it.</summary>
public sealed record QrCode
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public JsonElement? Content { get; init; }
    public string? Destination { get; init; }
    public string? ShortCode { get; init; }
    public string? ShortUrl { get; init; }
    public int? RedirectStatus { get; init; }
    public required string Status { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public QrStyle? Style { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>True for a code that encodes a short link.</summary>
    public bool IsDynamic => Type == "dynamic";

    /// <summary>The content's type (url, wifi, …) of a static code.</summary>
    public string? ContentType => Content is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("type", out var type) ? type.GetString() : null;
}

/// <summary>A page of codes.</summary>
public sealed record QrCodePage(IReadOnlyList<QrCode> Items, string? NextCursor);

/// <summary>An uploaded logo.</summary>
public sealed record LogoInfo(string Id, string ContentType, long Length, int Width, int Height);

/// <summary>An API key as lists show it.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A just-created key: <see cref="Key"/> is shown once.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, string Key);

/// <summary>The account's keys.</summary>
public sealed record ApiKeyList(IReadOnlyList<ApiKeyInfo> Items);

/// <summary>One bucket of an analytics series.</summary>
public sealed record AnalyticsPoint(DateTimeOffset Start, long Scans, long UniqueScanners);

/// <summary>A value of a breakdown and its scans.</summary>
public sealed record AnalyticsCount(string Key, long Scans);

/// <summary>Totals of a range.</summary>
public sealed record AnalyticsTotals(long Scans, long UniqueScanners);

/// <summary>An analytics answer.</summary>
public sealed record AnalyticsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string Interval,
    string TimeZone,
    bool IncludeBots,
    AnalyticsTotals Totals,
    IReadOnlyList<AnalyticsPoint> Series,
    IReadOnlyDictionary<string, IReadOnlyList<AnalyticsCount>> Breakdowns);

/// <summary>A bulk job.</summary>
public sealed record Batch
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required string Status { get; init; }
    public int TotalRows { get; init; }
    public int RowsDone { get; init; }
    public int RowsFailed { get; init; }
    public string? Format { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public string? DownloadUrl { get; init; }
    public string? Error { get; init; }

    /// <summary>True while the Worker has not finished it.</summary>
    public bool InProgress => Status is "queued" or "running";
}

/// <summary>A page of bulk jobs.</summary>
public sealed record BatchPage(IReadOnlyList<Batch> Items, string? NextCursor);
