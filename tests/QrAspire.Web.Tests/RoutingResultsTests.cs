using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using QrAspire.Contracts;
using QrAspire.Web.Components.Pages.Analytics;

namespace QrAspire.Web.Tests;

/// <summary>The analytics page's routing section, rendered to HTML on the server as the page renders it.</summary>
[Trait("Tier", "Unit")]
public sealed class RoutingResultsTests
{
    private static AnalyticsReport Report(IReadOnlyList<AnalyticsVariantSplit> variants, IReadOnlyList<AnalyticsCount> rules) =>
        new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), "day", "UTC", false, new AnalyticsTotals(rules.Sum(r => r.Scans), 9), [],
            new Dictionary<string, IReadOnlyList<AnalyticsCount>>(), variants, rules);

    private static async Task<string> RenderAsync(AnalyticsReport report)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            Regex.Replace((await renderer.RenderComponentAsync<RoutingResults>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Report"] = report }))).ToHtmlString(), @">\s+<", "><"));
    }

    [Fact]
    public async Task AnABTestShowsEachVariantsScansUniquesAndShareAndTheScansPerRule()
    {
        var report = Report(
            [new("default", [new(0, "https://example.com/a", 60, 40), new(1, "https://example.com/b", 20, 15), new(2, null, 20, 5)])],
            [new("default", 100), new("0", 30), new("expiredFallback", 2), new("limitFallback", 7)]);

        var html = await RenderAsync(report);

        Assert.Contains("A/B split of the default destination", html, StringComparison.Ordinal);
        Assert.Contains("<td>A</td><td class=\"destination\">https://example.com/a</td><td class=\"num\">60</td><td class=\"num\">40</td><td class=\"num\">60 %</td>", html, StringComparison.Ordinal);
        Assert.Contains("(no longer in the split)", html, StringComparison.Ordinal);
        Assert.Contains("<rect width=\"60\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>rule 1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>the expiry fallback</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>past the scan limit</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal); // the console's CSP allows no inline style
    }

    [Fact]
    public async Task ACodeWithoutRoutingShowsNothing()
    {
        var html = await RenderAsync(Report([], [new("default", 12)]));

        Assert.Equal("", html.Trim());
    }
}
