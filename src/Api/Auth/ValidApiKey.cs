namespace QrAspire.Api.Auth;

/// <summary>A key the database found valid: what its requests act as, and when this replica last recorded its use.</summary>
public sealed class ValidApiKey(string id, string workspaceId, string createdBy, string scopes, DateTime? lastUsedAt, long readAt)
{
    private long _lastUsedTicks = lastUsedAt?.Ticks ?? 0;

    public string Id { get; } = id;

    public string WorkspaceId { get; } = workspaceId;

    public string CreatedBy { get; } = createdBy;

    public string Scopes { get; } = scopes;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the database read.</summary>
    public long ReadAt { get; } = readAt;

    /// <summary>
    /// True for the one caller that should record a use at <paramref name="now"/>: the last one recorded is over
    /// <paramref name="interval"/> old.
    /// </summary>
    public bool ClaimUseRecord(DateTime now, TimeSpan interval)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return now.Ticks - last > interval.Ticks && Interlocked.CompareExchange(ref _lastUsedTicks, now.Ticks, last) == last;
    }
}
