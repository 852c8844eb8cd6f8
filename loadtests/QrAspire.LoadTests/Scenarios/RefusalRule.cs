using System.Net;
using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Scenarios;

/// <summary>
/// How the hostile-side scenarios judge an answer: the expected status is a success; 503 or 429 with
/// <c>Retry-After</c> is the refusal an overloaded service is meant to give (counted apart, not an error); anything
/// else, a 503 without <c>Retry-After</c> included, is an error named by its status.
/// </summary>
public static class RefusalRule
{
    public static RequestOutcome Judge(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == expected)
        {
            return RequestOutcome.Ok;
        }

        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            return response.Headers.RetryAfter is not null
                ? RequestOutcome.Refused($"{status} + Retry-After")
                : RequestOutcome.Failed($"HTTP {status} without Retry-After");
        }

        return RequestOutcome.Failed($"HTTP {status}");
    }
}
