namespace QrAspire.LoadTests.Tests.EndToEnd;

/// <summary>
/// One in-memory handler for a run with a floor: requests to <see cref="FloorUrl"/>'s port go to the floor's fake,
/// the rest to the Redirector's (both share the harness's one HttpClient, as the real run does).
/// </summary>
internal sealed class FloorRouter(HttpMessageHandler redirector, HttpMessageHandler floor) : HttpMessageHandler
{
    public static readonly Uri FloorUrl = new("http://127.0.0.1:5098/");

    private readonly HttpMessageInvoker _redirector = new(redirector, disposeHandler: false);
    private readonly HttpMessageInvoker _floor = new(floor, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (request.RequestUri!.Port == FloorUrl.Port ? _floor : _redirector).SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _redirector.Dispose();
            _floor.Dispose();
        }

        base.Dispose(disposing);
    }
}
