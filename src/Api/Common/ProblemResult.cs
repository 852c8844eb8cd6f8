using System.Diagnostics;
using System.Text.Json.Serialization;

namespace QrAspire.Api.Common;

/// <summary>
/// A <see cref="Problem"/> as a result: the one way the Api answers with a problem — endpoints with
/// <c>Send.ResultAsync(problem.ToResult())</c>, middleware with <c>problem.ToResult().ExecuteAsync(context)</c>.
/// Written as <c>application/problem+json</c> with the request's path and trace id filled in.
/// </summary>
internal sealed class ProblemResult(Problem problem) : IResult
{
    public Problem Problem => problem;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = problem.Status;
        return httpContext.Response.WriteAsJsonAsync(problem.For(httpContext), ProblemJsonContext.Default.Problem, ProblemTypes.ContentType, httpContext.RequestAborted);
    }
}

/// <summary>Turns a problem into the result that writes it.</summary>
internal static class ProblemResults
{
    public static ProblemResult ToResult(this Problem problem) => new(problem);

    /// <summary>This problem with the request's path and trace id filled in.</summary>
    public static Problem For(this Problem problem, HttpContext context) => problem with
    {
        Instance = problem.Instance ?? context.Request.Path.Value,
        TraceId = problem.TraceId ?? Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier,
    };
}

// The serializer's defaults, not the contracts' web options: every member of a problem names itself. A string for
// the extension members (role, quota).
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
