using FastEndpoints;
using FastEndpoints.Swagger;
using Microsoft.AspNetCore.Diagnostics;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Middleware;
using Scalar.AspNetCore;

namespace QrAspire.Api.Hosting;

internal static partial class ApiPipelineExtensions
{
    /// <summary>
    /// Errors first (every failure becomes problem+json, never a stack trace), then body limits, authentication,
    /// rate limits, the endpoints, and the API reference.
    /// </summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseStatusCodePages(context => EmptyErrorAsProblemAsync(context.HttpContext));
        app.UseMiddleware<RequestBodyLimits>();
        app.UseMiddleware<ForwardedClientAddress>();
        app.UseAuthentication();
        app.UseMiddleware<ActingWorkspace>();
        app.UseApiRateLimits();
        app.UseAuthorization();
        app.UseFastEndpoints(config =>
        {
            config.Endpoints.RoutePrefix = "api";
            config.Versioning.Prefix = "v";
            config.Versioning.DefaultVersion = 1;
            config.Versioning.PrependToRoute = true;
            config.Serializer.Options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            config.Errors.ContentType = ProblemTypes.ContentType;
            config.Serializer.Options.AllowOutOfOrderMetadataProperties = true;
            config.Errors.ResponseBuilder = (failures, context, _) => Problems.Validation(
                failures.Select(f => new FieldError(JsonFieldPath.From(f.PropertyName), f.ErrorMessage, f.ErrorCode)).ToList()).For(context);
        });
        app.UseSwaggerGen(options => options.Path = "/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("QrAspire API"));
        return app;
    }

    private static Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            // Kestrel's own limits and malformed requests: the client's fault, said plainly.
            var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : Problems.Of(bad.StatusCode, ProblemTypes.BadRequest, "The request could not be read.", bad.Message);
            return problem.ToResult().ExecuteAsync(context);
        }

        if (DatabaseOutage.IsCause(error))
        {
            // The database is restarting or unreachable: the request may succeed in a moment, and nothing is broken
            // that an operator must look at per request (the health check reports the outage).
            LogDatabaseUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("QrAspire.Api"), context.Request.Path);
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Unavailable(DatabaseOutage.RetryAfterSeconds).ToResult().ExecuteAsync(context);
        }

        if (error is not null)
        {
            LogUnhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("QrAspire.Api"), error, context.Request.Path);
        }

        return Problems.FromStatus(500).ToResult().ExecuteAsync(context);
    }

    private static Task EmptyErrorAsProblemAsync(HttpContext context) =>
        context.Response.HasStarted || context.Response.ContentLength > 0
            ? Task.CompletedTask
            : Problems.FromStatus(context.Response.StatusCode).ToResult().ExecuteAsync(context);

    [LoggerMessage(EventId = 503, EventName = "database_unavailable", Level = LogLevel.Warning, Message = "database unavailable on {path}: answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string path);

    [LoggerMessage(EventId = 500, EventName = "unhandled_exception", Level = LogLevel.Error, Message = "unhandled exception on {path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
