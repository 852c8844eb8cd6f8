namespace QrAspire.Api.Common;

/// <summary>The problems the Api answers with, by kind. One place, so each kind keeps one type and title.</summary>
public static class Problems
{
    public static ApiProblem Validation(IReadOnlyList<FieldError> errors) =>
        ApiProblem.Of(400, "validation", "The request is not valid.", "See errors for each field.", errors);

    public static ApiProblem Field(string field, string reason, string code) => Validation([new FieldError(field, reason, code)]);

    public static ApiProblem Unauthorized(string detail = "Sign in, or send a valid API key.") =>
        ApiProblem.Of(401, "unauthorized", "Authentication is required.", detail);

    public static ApiProblem Forbidden(string detail = "Your credentials do not allow this.") =>
        ApiProblem.Of(403, "forbidden", "Not allowed.", detail);

    public static ApiProblem NotFound(string detail = "No such resource.") =>
        ApiProblem.Of(404, "not-found", "Not found.", detail);

    public static ApiProblem Conflict(string detail) => ApiProblem.Of(409, "conflict", "Conflict.", detail);

    public static ApiProblem PreconditionFailed() =>
        ApiProblem.Of(412, "precondition-failed", "The resource has changed.", "If-Match does not match the current ETag; fetch it again and retry.");

    public static ApiProblem PreconditionRequired() =>
        ApiProblem.Of(428, "precondition-required", "If-Match is required.", "Send the ETag you last read in If-Match.");

    public static ApiProblem TooLarge(long limit) =>
        ApiProblem.Of(413, "payload-too-large", "The request body is too large.", $"At most {limit} bytes.");

    public static ApiProblem RateLimited(int retryAfterSeconds) =>
        ApiProblem.Of(429, "rate-limited", "Too many requests.", $"Retry after {retryAfterSeconds} s.");

    public static ApiProblem FromStatus(int status) => status switch
    {
        401 => Unauthorized(),
        403 => Forbidden(),
        404 => NotFound(),
        405 => ApiProblem.Of(405, "method-not-allowed", "Method not allowed."),
        406 => ApiProblem.Of(406, "not-acceptable", "Not acceptable."),
        413 => TooLarge(0) with { Detail = null },
        415 => ApiProblem.Of(415, "unsupported-media-type", "Unsupported media type.", "Send application/json (or multipart/form-data for uploads)."),
        429 => RateLimited(1),
        >= 500 => ApiProblem.Of(status, "server-error", "Something went wrong on our side.", "It has been logged; retry later."),
        _ => ApiProblem.Of(status, "http-" + status, "Request failed."),
    };
}
