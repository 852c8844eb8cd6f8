using Microsoft.Extensions.Primitives;

// The least a redirect can cost on Kestrel: same builder, same routing, a constant answer.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
StringValues location = "https://example.com/landing";
app.MapGet("/health", static () => "ok");
app.MapMethods("/{code}", ["GET", "HEAD"], context =>
{
    context.Response.StatusCode = StatusCodes.Status302Found;
    context.Response.Headers.Location = location;
    context.Response.ContentLength = 0;
    return Task.CompletedTask;
});
app.Run();
