using QrAspire.Data.Model;

namespace QrAspire.QrCodes;

/// <summary>The stored kinds and statuses as the contracts name them, and back; the stored values do not change.</summary>
public static class WireMapping
{
    /// <summary>The wire type of a stored kind.</summary>
    public static QrCodeType ToType(this QrCodeKind kind) => kind == QrCodeKind.Dynamic ? QrCodeType.Dynamic : QrCodeType.Static;

    /// <summary>The stored kind of a wire type.</summary>
    public static QrCodeKind ToKind(this QrCodeType type) => type == QrCodeType.Dynamic ? QrCodeKind.Dynamic : QrCodeKind.Static;

    /// <summary>The wire status of a stored code status.</summary>
    public static QrCodeState ToState(this QrCodeStatus status) => status == QrCodeStatus.Paused ? QrCodeState.Paused : QrCodeState.Active;

    /// <summary>The stored status of a wire code status.</summary>
    public static QrCodeStatus ToStatus(this QrCodeState state) => state == QrCodeState.Paused ? QrCodeStatus.Paused : QrCodeStatus.Active;

    /// <summary>The wire status of a stored batch status.</summary>
    public static BatchState ToState(this BatchStatus status) => status switch
    {
        BatchStatus.Running => BatchState.Running,
        BatchStatus.Completed => BatchState.Completed,
        BatchStatus.Failed => BatchState.Failed,
        _ => BatchState.Queued,
    };
}
