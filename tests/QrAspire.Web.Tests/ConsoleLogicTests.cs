using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using QrAspire.Contracts;
using QrAspire.Web.Api;
using QrAspire.Web.Components.Pages.Account;
using QrAspire.Web.Components.Pages.Codes;

namespace QrAspire.Web.Tests;

/// <summary>The console's own logic, without a browser: where sign-in may send you, how the Api's problems are read, the create form.</summary>
[Trait("Tier", "Unit")]
public sealed class ConsoleLogicTests
{
    [Theory]
    [InlineData("/api-keys?x=1", "/api-keys?x=1")]
    [InlineData("/codes/qr_1/analytics", "/codes/qr_1/analytics")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void SignInReturnsOnlyToAPathOnThisSite(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountPages.SafeReturnUrl(returnUrl));

    /// <summary>
    /// The console (and any Native AOT client) reads and writes contracts only through the source-generated context: a
    /// request or response type missing from it fails at run time, in the middle of a page. Every one must be there.
    /// </summary>
    [Fact]
    public void EveryRequestAndResponseContractHasSourceGeneratedJson()
    {
        var contracts = typeof(ContractsJsonContext).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.EndsWith("Response", StringComparison.Ordinal) || t.Name.EndsWith("Page", StringComparison.Ordinal)))
            .ToList();

        Assert.Contains(typeof(QrCodeResponse), contracts);
        var missing = contracts.Where(t => ContractsJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Missing from ContractsJsonContext: " + string.Join(", ", missing));
    }

    /// <summary>
    /// The rules editor sends the code's routing whole: whatever it loaded must come back unchanged (a variant's own UTM
    /// parameters have no input and are carried through), and the scan limit, edited elsewhere on the page, is kept.
    /// </summary>
    [Fact]
    public void TheRulesEditorGivesBackTheRoutingItLoadedWithTheScanLimit()
    {
        var routing = new QrCodeRouting
        {
            Rules =
            [
                new RoutingRule { Conditions = new RoutingConditions { Device = ["android", "ios"] }, Destination = "https://apps.example/" },
                new RoutingRule
                {
                    Conditions = new RoutingConditions { Country = ["BE", "FR"], Language = ["fr"], Os = ["windows"], From = new DateTime(2026, 12, 1), Until = new DateTime(2026, 12, 25), TimeZone = "Europe/Paris" },
                    Variants = [new RoutingVariant { Destination = "https://a.example/", Weight = 40 }, new RoutingVariant { Destination = "https://b.example/", Weight = 60, Utm = new UtmParameters { Content = "b" } }],
                },
            ],
            Variants = [new RoutingVariant { Destination = "https://c.example/", Weight = 50 }, new RoutingVariant { Destination = "https://d.example/", Weight = 50 }],
            ExpiredDestination = "https://over.example/",
            Utm = new UtmParameters { Source = "qr", Campaign = "spring" },
            ScanLimit = new ScanLimit { Scans = 500, FallbackDestination = "https://sold-out.example/" },
        };

        var back = RoutingDraft.Of(routing).ToRouting(routing.ScanLimit);

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(routing, ContractsJson.Options),
            System.Text.Json.JsonSerializer.Serialize(back, ContractsJson.Options));
    }

    [Fact]
    public void ACreateRequestIsWrittenAsTheApiReadsIt()
    {
        var form = new CodeForm { Name = "Cafe", Dynamic = false, ContentType = "wifi", Ssid = "Cafe", WifiPassword = "espresso-2026", Modules = "rounded" };
        var request = new CreateQrCodeRequest { Name = form.Name, Type = WireNames.Of(QrCodeType.Static), Content = form.Content(TimeZoneInfo.Utc, out _), Style = form.Style() };

        var json = System.Text.Json.JsonSerializer.Serialize(request, ApiClient.Json);

        Assert.Contains("\"type\":\"static\"", json, StringComparison.Ordinal);
        Assert.Contains("\"content\":{\"type\":\"wifi\",\"ssid\":\"Cafe\",\"password\":\"espresso-2026\",\"security\":\"wpa\",\"hidden\":false}", json, StringComparison.Ordinal);
        Assert.Contains("\"modules\":\"rounded\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"destination\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheApisFieldErrorsAreMatchedToTheFieldTheyName()
    {
        var error = ApiError.Parse(400, """
            {"type":"https://qraspire.dev/problems/validation","title":"The request is not valid.","status":400,
             "errors":[{"name":"content.ssid","reason":"'payload.ssid' is required.","code":"qr.invalid_payload"},
                       {"name":"destination","reason":"Use an absolute http:// or https:// URL."}]}
            """);

        Assert.Equal(["'payload.ssid' is required."], error.For("ssid"));
        Assert.Equal(["Use an absolute http:// or https:// URL."], error.For("Destination"));
        Assert.Empty(error.For("name"));
    }

    [Fact]
    public void AnEndedMembershipIsToldApartFromATooLowRoleByTheErrorCode()
    {
        var removed = ApiError.Parse(403, """
            {"type":"https://qraspire.dev/problems/not-a-member","status":403,"title":"Not a member of this workspace.",
             "errors":[{"name":"QrAspire-Workspace","reason":"not a workspace you are a member of","code":"not_a_member"}]}
            """);
        var viewer = ApiError.Parse(403, """
            {"type":"https://qraspire.dev/problems/role-required","status":403,"detail":"This needs the editor role or higher.",
             "errors":[{"name":"role","reason":"needs editor or higher","code":"role_required"}]}
            """);

        Assert.True(removed.Has("not_a_member"));
        Assert.False(viewer.Has("not_a_member"));
        Assert.True(viewer.Has("role_required"));
        Assert.Equal("This needs the editor role or higher.", viewer.Summary);
    }

    [Fact]
    public void ABulkRefusalListsEveryBadRow()
    {
        var error = ApiError.Parse(400, """
            {"title":"x","status":400,"detail":"1 error(s) in 1 line(s). Nothing was created.",
             "errors":{"line 3.destination":["No spaces."]},"rows":[{"line":3,"field":"destination","message":"No spaces."}]}
            """);

        Assert.Equal("1 error(s) in 1 line(s). Nothing was created.", error.Summary);
        Assert.Equal(new RowMessage(3, "destination", "No spaces."), Assert.Single(error.Rows));
        Assert.Equal(["No spaces."], error.For("destination"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2]")]
    public void AnUnreadableProblemStillGivesAMessage(string? body)
    {
        var error = ApiError.Parse(429, body);

        Assert.Contains("Too many requests", error.Summary, StringComparison.Ordinal);
        Assert.Empty(error.Fields);
    }

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#777777", "#777777", 1.0)]
    [InlineData("#1e1b4b", "#ffffff", 16.0)]
    [InlineData("#dddddd", "#ffffff", 1.4)]
    public void ContrastIsTheWcagRatio(string foreground, string background, double expected) =>
        Assert.Equal(expected, CodeForm.ContrastOf(foreground, background)!.Value, precision: 1);

    [Fact]
    public void AnInvertedOrUnreadableColourIsNoticed()
    {
        Assert.True(new CodeForm { Foreground = "#ffffff", Background = "#000000" }.Inverted());
        Assert.False(new CodeForm { Foreground = "#000000", Background = "#ffffff" }.Inverted());
        Assert.Null(CodeForm.ContrastOf("red", "#ffffff"));
        Assert.Null(new CodeForm { Transparent = true }.Contrast());
    }

    [Fact]
    public void AnEventsLocalTimesAreSentWithTheBrowsersOffset()
    {
        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        var form = new CodeForm { ContentType = "event", Summary = "Launch", Start = new DateTime(2026, 1, 15, 18, 0, 0), End = new DateTime(2026, 7, 15, 20, 0, 0) };

        var content = Assert.IsType<EventContent>(form.Content(zurich, out _));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 18, 0, 0, TimeSpan.FromHours(1)), content.Start);
        Assert.Equal(TimeSpan.FromHours(1), content.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(2), content.End.Offset);
    }

    [Fact]
    public void AnOpenNetworkSendsNoPasswordAndALogoForcesHighErrorCorrection()
    {
        var form = new CodeForm { ContentType = "wifi", Ssid = "Cafe", WifiPassword = "ignored", Security = "none", ErrorCorrection = "L", LogoId = "logo_1" };

        Assert.Null(Assert.IsType<WifiContent>(form.Content(TimeZoneInfo.Utc, out _)).Password);
        Assert.Equal("H", form.Style().ErrorCorrection);
        Assert.Equal("transparent", new CodeForm { Transparent = true }.Style().Background);
    }

    [Fact]
    public void UnparsableCoordinatesAreAFieldErrorWithoutAskingTheApi()
    {
        var content = new CodeForm { ContentType = "geo", Latitude = "47.37", Longitude = "east" }.Content(TimeZoneInfo.Utc, out var problem);

        Assert.Null(content);
        Assert.NotEmpty(problem!.For("longitude"));
        Assert.Empty(problem.For("latitude"));
    }

    [Theory]
    [InlineData(null, "203.0.113.9")]
    [InlineData("198.51.100.4", "198.51.100.4, 203.0.113.9")]
    public void ABrowsersAddressIsForwardedToTheApiAfterTheHopsThatReachedTheConsole(string? incoming, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.9");
        if (incoming is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = incoming;
        }

        var accessor = new HttpContextAccessor { HttpContext = context };
        var user = new CurrentUser(accessor, new SignedOut());

        Assert.Equal(expected, user.ForwardedFor());
        accessor.HttpContext = null; // inside a circuit: no browser request to forward
        Assert.Null(user.ForwardedFor());
    }

    private sealed class SignedOut : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal()));
    }
}
