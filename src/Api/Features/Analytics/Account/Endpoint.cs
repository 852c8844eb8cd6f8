using System.Text;
using FastEndpoints;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Data;

namespace QrAspire.Api.Features.Analytics.Account;

/// <summary><c>GET /api/v1/analytics</c>: every code of the caller's account together.</summary>
internal sealed class AccountAnalyticsEndpoint(QrAspireDbContext db, TimeProvider time) : EndpointWithoutRequest<AnalyticsReport>
{
    public override void Configure()
    {
        Get(ApiRoutes.Analytics);
        Policies(ApiScopes.AnalyticsRead);
        Summary(s =>
        {
            s.Summary = "Scan analytics of the whole account";
            s.Description = "Same query as a code's analytics.";
            s.Responses[200] = "Totals, time series and breakdowns over all your codes (or CSV with format=csv).";
            s.Responses[400] = "A bad query parameter (field errors).";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (query, errors) = AnalyticsQuery.Parse(HttpContext.Request.Query, time.GetUtcNow().UtcDateTime);
        if (query is null)
        {
            await Send.ResultAsync(Problems.Validation(errors).ToResult());
            return;
        }

        var owner = User.WorkspaceId();
        var codeIds = db.QrCodes.Where(c => c.WorkspaceId == owner).Select(c => c.Id);
        var report = await AnalyticsReports.BuildAsync(db, codeIds, query, ct);
        if (query.Csv)
        {
            HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"analytics.csv\"";
            await Send.BytesAsync(Encoding.UTF8.GetBytes(AnalyticsCsv.Write(report)), contentType: AnalyticsCsv.ContentType, cancellation: ct);
            return;
        }

        await Send.OkAsync(report, ct);
    }
}
