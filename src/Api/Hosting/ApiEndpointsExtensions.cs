using FastEndpoints;
using FastEndpoints.Swagger;

namespace QrAspire.Api.Hosting;

internal static class ApiEndpointsExtensions
{
    public static void AddApiEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddFastEndpoints();
        builder.Services.SwaggerDocument(options =>
        {
            options.ShortSchemaNames = true;
            options.DocumentSettings = settings =>
            {
                settings.DocumentName = "v1";
                settings.Title = "QrAspire API";
                settings.Version = "v1";
                settings.Description = "Create, style and render QR codes; change where dynamic codes point; read their scan analytics. "
                    + "Authenticate with a JWT access token (Authorization: Bearer <token>) or an API key (X-Api-Key: qrk_… or Authorization: Bearer qrk_…). "
                    + "Every error is RFC 9457 application/problem+json.";
            };
            options.MaxEndpointVersion = 1;
            options.EnableJWTBearerAuth = true;
        });
    }
}
