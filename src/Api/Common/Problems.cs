namespace QrAspire.Api.Common;

/// <summary>The problems the Api answers with, by kind. One place, so each kind keeps one type and title.</summary>
public static class Problems
{
    /// <summary>A problem of kind <paramref name="slug"/> (one of <see cref="ProblemTypes"/>).</summary>
    public static Problem Of(int status, string slug, string title, string? detail = null, IReadOnlyList<FieldError>? errors = null) => new()
    {
        Type = ProblemTypes.Base + slug,
        Title = title,
        Status = status,
        Detail = detail,
        Errors = errors,
    };

    public static Problem Validation(IReadOnlyList<FieldError> errors) =>
        Of(400, ProblemTypes.Validation, "The request is not valid.", "See errors for each field.", errors);

    public static Problem Field(string field, string reason, string code) => Validation([new FieldError(field, reason, code)]);

    public static Problem Unauthorized(string detail = "Sign in, or send a valid API key.") =>
        Of(401, ProblemTypes.Unauthorized, "Authentication is required.", detail);

    public static Problem Forbidden(string detail = "Your credentials do not allow this.") =>
        Of(403, ProblemTypes.Forbidden, "Not allowed.", detail);

    public static Problem NotFound(string detail = "No such resource.") =>
        Of(404, ProblemTypes.NotFound, "Not found.", detail);

    public static Problem Conflict(string detail) => Of(409, ProblemTypes.Conflict, "Conflict.", detail);

    public static Problem PreconditionFailed() =>
        Of(412, ProblemTypes.PreconditionFailed, "The resource has changed.", "If-Match does not match the current ETag; fetch it again and retry.");

    public static Problem PreconditionRequired() =>
        Of(428, ProblemTypes.PreconditionRequired, "If-Match is required.", "Send the ETag you last read in If-Match.");

    public static Problem TooLarge(long limit) =>
        Of(413, ProblemTypes.PayloadTooLarge, "The request body is too large.", $"At most {limit} bytes.");

    public static Problem RateLimited(int retryAfterSeconds) =>
        Of(429, ProblemTypes.RateLimited, "Too many requests.", $"Retry after {retryAfterSeconds} s.");

    public static Problem Unavailable(int retryAfterSeconds) =>
        Of(503, ProblemTypes.Unavailable, "The service is briefly unavailable.", $"The database cannot be reached; retry after {retryAfterSeconds} s.");

    public static Problem FromStatus(int status) => status switch
    {
        401 => Unauthorized(),
        403 => Forbidden(),
        404 => NotFound(),
        405 => Of(405, ProblemTypes.MethodNotAllowed, "Method not allowed."),
        406 => Of(406, ProblemTypes.NotAcceptable, "Not acceptable."),
        413 => TooLarge(0) with { Detail = null },
        415 => Of(415, ProblemTypes.UnsupportedMediaType, "Unsupported media type.", "Send application/json (or multipart/form-data for uploads)."),
        429 => RateLimited(1),
        >= 500 => Of(status, ProblemTypes.ServerError, "Something went wrong on our side.", "It has been logged; retry later."),
        _ => Of(status, "http-" + status, "Request failed."),
    };
}
