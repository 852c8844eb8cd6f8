using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using QrAspire.Api.Auth;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Settings;

namespace QrAspire.Api.Features.Audit;

/// <summary>
/// Adds audit entries to the request's unit of work: an entry is only added, never saved here, so it is written by the
/// same <c>SaveChanges</c> as the change it describes — both or neither. The actor and the client address come from
/// the request (the address as resolved behind trusted proxies).
/// </summary>
internal sealed class AuditTrail(QrAspireDbContext db, IHttpContextAccessor http, AuditSettings settings, TimeProvider clock)
{
    // Bookkeeping that changes with every write and says nothing about what the person did, and hashes and tokens
    // that must never be copied anywhere.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "Id", "WorkspaceId", "AccountId", "CreatedBy", "TokenHash", "ConsecutiveFailures", "FailingSince", "CreatedAt", "UpdatedAt", "Version", "CheckedAt", "LastUsedAt", "DeletedAt", "KeyHash", "Token",
    };

    // A code's password and a webhook's signing secret are recorded only as "set" (or null when removed): never their value.
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal) { "PasswordHash", "Secret" };

    // Columns that hold JSON: recorded as JSON, not as a string of it.
    private static readonly HashSet<string> JsonColumns = new(StringComparer.Ordinal) { "Payload", "Style", "Routing" };

    // The Api's names where the column's differs.
    private static readonly Dictionary<string, string> WireNames = new(StringComparer.Ordinal)
    {
        ["Payload"] = "content",
        ["PasswordHash"] = "password",
        ["Kind"] = "type",
    };

    /// <summary>Records <paramref name="action"/> on a target with optional <paramref name="changes"/>.</summary>
    /// <remarks>The entry goes to the acting workspace, or to <paramref name="workspaceId"/> when the change is to another one (a workspace named in the route).</remarks>
    public void Record(string action, string targetType, string targetId, JsonObject? changes = null, string? workspaceId = null)
    {
        var user = http.HttpContext?.User is { Identity.IsAuthenticated: true } signedIn
            ? signedIn : throw new InvalidOperationException("an audited change needs a signed-in actor");
        var apiKey = user.FindFirst(ApiScopes.ApiKeyClaim)?.Value;
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = workspaceId ?? user.WorkspaceId(),
            ActorKind = apiKey is null ? AuditActorKinds.User : AuditActorKinds.ApiKey,
            ActorId = user.AccountId(),
            ApiKeyId = apiKey,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Changes = changes?.ToJsonString(),
            ClientAddress = Address()?.ToString(),
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>Records a new <paramref name="entity"/> (tracked as added) with its fields as new values.</summary>
    public void Created(object entity, string action, string targetType, string targetId, string? workspaceId = null) =>
        Record(action, targetType, targetId, Fields(db.Entry(entity), added: true), workspaceId);

    /// <summary>Records a removed <paramref name="entity"/> with its fields as old values.</summary>
    public void Removed(object entity, string action, string targetType, string targetId, string? workspaceId = null) =>
        Record(action, targetType, targetId, Fields(db.Entry(entity), added: false), workspaceId);

    /// <summary>
    /// Records the fields of a tracked <paramref name="entity"/> that changed, old → new; with <paramref name="reason"/>,
    /// also a <c>reason</c> field (null → the reason) for a change the system made as a consequence of another.
    /// </summary>
    public void Changed(object entity, string action, string targetType, string targetId, string? workspaceId = null, string? reason = null)
    {
        db.ChangeTracker.DetectChanges();
        var changes = new JsonObject();
        foreach (var property in db.Entry(entity).Properties)
        {
            var name = property.Metadata.Name;
            if (property.IsModified && !Ignored.Contains(name) && !Equals(property.OriginalValue, property.CurrentValue))
            {
                changes[FieldName(name)] = new JsonObject { ["old"] = Value(name, property.OriginalValue), ["new"] = Value(name, property.CurrentValue) };
            }
        }

        if (reason is not null)
        {
            changes["reason"] = new JsonObject { ["old"] = null, ["new"] = reason };
        }

        Record(action, targetType, targetId, changes.Count == 0 ? null : changes, workspaceId);
    }

    /// <summary>
    /// Records <see cref="AuditActions.SignedInNewAddress"/> when <paramref name="accountId"/> signs in from a network
    /// (IPv4 /24, IPv6 /64) none of its sign-in entries within the retention window came from. Without an address
    /// there is nothing to compare, so nothing is recorded.
    /// </summary>
    public async Task SignedInAsync(string accountId, CancellationToken cancellationToken)
    {
        if (Address() is not { } address)
        {
            return;
        }

        var network = AuditNetworks.Of(address);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays);
        // One seek in the (workspace, network, time) index, however many sign-ins the account has.
        if (await db.AuditEntries.AnyAsync(
            e => e.WorkspaceId == accountId && e.ClientNetwork == network && e.ActorId == accountId
                && e.Action == AuditActions.SignedInNewAddress && e.OccurredAt >= since,
            cancellationToken))
        {
            return;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = accountId, // the personal workspace has the account's id
            ActorKind = AuditActorKinds.User,
            ActorId = accountId,
            Action = AuditActions.SignedInNewAddress,
            TargetType = AuditTargets.Account,
            TargetId = accountId,
            Changes = new JsonObject { ["network"] = network }.ToJsonString(),
            ClientAddress = address.ToString(),
            ClientNetwork = network,
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    private IPAddress? Address() =>
        http.HttpContext?.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : http.HttpContext?.Connection.RemoteIpAddress;

    private static JsonObject? Fields(EntityEntry entry, bool added)
    {
        var fields = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var value = added ? property.CurrentValue : property.OriginalValue;
            // A new row's zero counters say nothing.
            if (!Ignored.Contains(name) && value is not null && !(added && value is 0))
            {
                fields[FieldName(name)] = added ? new JsonObject { ["old"] = null, ["new"] = Value(name, value) } : new JsonObject { ["old"] = Value(name, value), ["new"] = null };
            }
        }

        return fields.Count == 0 ? null : fields;
    }

    private static string FieldName(string property) =>
        WireNames.TryGetValue(property, out var name) ? name : JsonNamingPolicy.CamelCase.ConvertName(property);

    private static JsonNode? Value(string property, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Secrets.Contains(property))
        {
            return "set";
        }

        return value switch
        {
            string text when JsonColumns.Contains(property) => ParseOrText(text),
            string text => text,
            int number => number,
            long number => number,
            bool flag => flag,
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            Enum choice => JsonNamingPolicy.SnakeCaseLower.ConvertName(choice.ToString()),
            _ => value.ToString(),
        };
    }

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
