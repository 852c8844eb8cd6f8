
namespace QrAspire.Api.Features.QrCodes.Delete;

public sealed record DeleteQrCodeRequest(string Id);
