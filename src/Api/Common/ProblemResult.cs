namespace QrAspire.Api.Common;

/// <summary>
/// An <see cref="ApiProblem"/> as a result: the one way the Api answers with a problem — endpoints with
/// <c>Send.ResultAsync(problem.ToResult())</c>, middleware with <c>problem.ToResult().ExecuteAsync(context)</c>.
/// Written as <c>application/problem+json</c> with the request's path and trace id filled in.
/// </summary>
internal sealed class ProblemResult(ApiProblem problem) : IResult
{
    public ApiProblem Problem => problem;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = problem.Status;
        return httpContext.Response.WriteAsJsonAsync(problem.For(httpContext), ApiJsonContext.Default.ApiProblem, ApiProblem.ContentType, httpContext.RequestAborted);
    }
}

/// <summary>Turns a problem into the result that writes it.</summary>
internal static class ProblemResults
{
    public static ProblemResult ToResult(this ApiProblem problem) => new(problem);
}
