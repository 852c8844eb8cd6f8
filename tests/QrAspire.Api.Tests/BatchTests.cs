using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Tests.Workspaces;
using QrAspire.Data.Model;
using QrAspire.QrEngine;
using QrAspire.QrEngine.Contents;
using QrAspire.QrEngine.Scanning;
using QrAspire.QrEngine.Tests.Support;
using QrAspire.TestSupport;
using SkiaSharp;
using Xunit.Abstractions;
using WorkspaceRoles = QrAspire.Contracts.WorkspaceRoles;

namespace QrAspire.Api.Tests;

/// <summary>
/// Bulk jobs end to end: the Api validates and stores a CSV, a Worker (in-process, on the same database, Redis and
/// blob folder) creates the codes and renders the ZIP, and the ZIP's images decode to their rows' content.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Service")]
public sealed class BatchTests(ApiHost api, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const string Header = "name,type,content_type,url,text,wifi_ssid,wifi_password,wifi_security,phone_number,destination,tags,foreground,background,modules,eyes,ecc,size";

    /// <summary>A CSV of <paramref name="count"/> mixed rows, and what each row's code must decode to (null: its short URL).</summary>
    private static (string Csv, Dictionary<int, string?> Expected) MixedCsv(int count)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var expected = new Dictionary<int, string?>();
        for (var i = 0; i < count; i++)
        {
            var line = i + 2;
            // Every seventh row is styled; the rest take the defaults. PNG at 160 px keeps rendering and decoding quick.
            var style = i % 7 == 0 ? "#1a237e,#fffde7,rounded,circle,Q,160" : i % 7 == 3 ? "#004d40,,dots,rounded,H,160" : ",,,,,160";
            switch (i % 5)
            {
                case 0:
                    csv.Append(CultureInfo.InvariantCulture, $"Poster {i},dynamic,,,,,,,,https://example.com/p/{i}?utm_source=bulk,bulk;poster,{style}\n");
                    expected[line] = null;
                    break;
                case 1:
                    csv.Append(CultureInfo.InvariantCulture, $"Link {i},static,url,https://example.org/item/{i},,,,,,,bulk,{style}\n");
                    expected[line] = new UrlQrContent($"https://example.org/item/{i}").ToQrText();
                    break;
                case 2:
                    csv.Append(CultureInfo.InvariantCulture, $"\"Note, {i}\",static,text,,\"Hello \"\"{i}\"\", bulk\",,,,,,,{style}\n");
                    expected[line] = new TextQrContent($"Hello \"{i}\", bulk").ToQrText();
                    break;
                case 3:
                    csv.Append(CultureInfo.InvariantCulture, $"Wifi {i},static,wifi,,,Cafe {i},secret-{i},wpa,,,,{style}\n");
                    expected[line] = new WifiQrContent($"Cafe {i}", $"secret-{i}", WifiSecurity.Wpa, false).ToQrText();
                    break;
                default:
                    csv.Append(CultureInfo.InvariantCulture, $"Call {i},static,phone,,,,,,+1555{i:D6},,,{style}\n");
                    expected[line] = new PhoneQrContent($"+1555{i:D6}").ToQrText();
                    break;
            }
        }

        return (csv.ToString(), expected);
    }

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient user, string csv, string? name = null, string? format = null, string? bearer = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        if (format is not null)
        {
            form.Add(new StringContent(format), "format");
        }

        using var request = user.Request(HttpMethod.Post, "/api/v1/batches", bearer: bearer);
        request.Content = form;
        return await user.Http.SendAsync(request);
    }

    private static async Task<JsonObject> AcceptedAsync(ApiClient user, string csv, string? name = null, string? format = null)
    {
        using var response = await UploadAsync(user, csv, name, format);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var batch = JsonNode.Parse(text)!.AsObject();
        Assert.Equal($"/api/v1/batches/{batch["id"]}", response.Headers.Location?.OriginalString);
        return batch;
    }

    private static async Task<JsonObject> GetAsync(ApiClient user, string id)
    {
        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Task<JsonObject> WaitUntilFinishedAsync(ApiClient user, string id, Action<JsonObject>? progress = null) =>
        Eventually.ValueAsync(async () =>
        {
            var batch = await GetAsync(user, id);
            progress?.Invoke(batch);
            return batch;
        }, batch => batch["status"]!.GetValue<string>() is "completed" or "failed", Timeout, TimeSpan.FromMilliseconds(100));

    private static async Task<ZipArchive> DownloadAsync(ApiClient user, string id)
    {
        using var response = await user.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}/download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
    }

    private static List<Dictionary<string, string>> Manifest(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("manifest.csv")!.Open());
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        // The test's names and URLs hold no commas except "Note, n", which the manifest quotes: split around it.
        return [.. lines.Skip(1).Select(line =>
        {
            var values = new List<string>();
            var inQuotes = false;
            var field = new StringBuilder();
            foreach (var c in line)
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (c == ',' && !inQuotes)
                {
                    values.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            values.Add(field.ToString());
            return header.Zip(values).ToDictionary(p => p.First, p => p.Second);
        })];
    }

    private Task<int> CodeCountAsync(ApiClient user) => api.QueryAsync(db => db.QrCodes.CountAsync(c => c.WorkspaceId == user.AccountId));

    [Fact]
    public async Task AThousandRowCsvBecomesAZipWhoseEveryImageDecodesToItsRow()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var (csv, expected) = MixedCsv(1_000);
        var clock = Stopwatch.StartNew();
        var accepted = await AcceptedAsync(user, csv, name: "Spring campaign");
        var acceptedAfter = clock.Elapsed;
        Assert.Equal("queued", accepted["status"]!.GetValue<string>());
        Assert.Equal(1_000, accepted["totalRows"]!.GetValue<int>());
        Assert.Equal("png", accepted["format"]!.GetValue<string>());
        Assert.Null(accepted["downloadUrl"]);
        var id = accepted["id"]!.GetValue<string>();

        TimeSpan startedAfter, completedAfter, createdAfter = TimeSpan.Zero;
        await using (var worker = await BatchWorkerHost.StartAsync(api.Infrastructure))
        {
            startedAfter = clock.Elapsed;
            var batch = await WaitUntilFinishedAsync(user, id, b =>
            {
                if (createdAfter == TimeSpan.Zero && b["rowsDone"]!.GetValue<int>() == 1_000)
                {
                    createdAfter = clock.Elapsed;
                }
            });
            completedAfter = clock.Elapsed;
            Assert.Equal("completed", batch["status"]!.GetValue<string>());
            Assert.Equal(1_000, batch["rowsDone"]!.GetValue<int>());
            Assert.Equal(0, batch["rowsFailed"]!.GetValue<int>());
            Assert.Equal($"/api/v1/batches/{id}/download", batch["downloadUrl"]!.GetValue<string>());
            Assert.NotNull(batch["startedAt"]);
            Assert.NotNull(batch["finishedAt"]);
        }

        Assert.Equal(1_000, await CodeCountAsync(user));
        using var zip = await DownloadAsync(user, id);
        var manifest = Manifest(zip);
        Assert.Equal(1_000, manifest.Count);
        Assert.Equal(1_001, zip.Entries.Count);
        var shortCodes = (await api.QueryAsync(db => db.QrCodes.Where(c => c.WorkspaceId == user.AccountId && c.ShortCode != null)
            .Select(c => new { c.Id, c.ShortCode, c.Destination }).ToListAsync())).ToDictionary(c => c.Id);
        var decoded = 0;
        foreach (var row in manifest)
        {
            var line = int.Parse(row["line"], CultureInfo.InvariantCulture);
            Assert.Equal("", row["error"]);
            var text = QrDecoder.Decode(ReadEntry(zip, row["file"]), QrFormat.Png);
            if (expected[line] is { } content)
            {
                Assert.Equal("static", row["type"]);
                Assert.True(content == text, $"line {line}: expected {content}, decoded {text}");
            }
            else
            {
                Assert.Equal("dynamic", row["type"]);
                var code = shortCodes[row["id"]];
                Assert.Equal($"{ApiFactory.RedirectBase}/{code.ShortCode}", row["short_url"]);
                Assert.True(row["short_url"] == text, $"line {line}: expected {row["short_url"]}, decoded {text}");
                Assert.Equal($"https://example.com/p/{line - 2}?utm_source=bulk", code.Destination);
            }

            decoded++;
        }

        Assert.Equal(1_000, decoded);
        Assert.Equal(expected.Keys.Order(), manifest.Select(r => int.Parse(r["line"], CultureInfo.InvariantCulture)).Order());
        output.WriteLine($"1,000 rows ({api.Infrastructure.Mode}): accepted in {acceptedAfter.TotalSeconds:F2} s; worker up at {startedAfter.TotalSeconds:F2} s; "
            + $"codes created at {createdAfter.TotalSeconds:F2} s; zipped at {completedAfter.TotalSeconds:F2} s; decoded at {clock.Elapsed.TotalSeconds:F2} s");

        var mail = await api.QueryAsync(db => db.EmailMessages.SingleAsync(m => m.To == user.Email && m.Template == "batch-finished"));
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(mail.Data)!;
        Assert.Equal(id, data["batch_id"]);
        Assert.Equal("Spring campaign", data["name"]);
        Assert.Equal("1000", data["total_rows"]);
        Assert.Equal("1000", data["succeeded"]);
        Assert.Equal("0", data["failed"]);
        Assert.Equal("completed", data["status"]);
    }

    [SkippableFact]
    public async Task TheDocumentedSampleCsvIsAcceptedAndCompletes()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "docs", "samples", "batch.csv")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var csv = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "docs", "samples", "batch.csv"));
        var id = (await AcceptedAsync(user, csv))["id"]!.GetValue<string>();

        await using (var worker = await BatchWorkerHost.StartAsync(api.Infrastructure))
        {
            var batch = await WaitUntilFinishedAsync(user, id);
            Assert.Equal("completed", batch["status"]!.GetValue<string>());
            Assert.Equal(8, batch["rowsDone"]!.GetValue<int>());
        }

        using var zip = await DownloadAsync(user, id);
        Assert.All(Manifest(zip), row => Assert.NotNull(ReadEitherDecoder(ReadEntry(zip, row["file"]))));
    }

    // The short codes are random, and ZXing misses a rare synthetic symbol at every scale it tries (1 of 300 random codes
    // in this sample's 1024 px rounded style; it failed one CI run); zbar, the second independent decoder, reads those. What is checked is that
    // every file scans, not one decoder's quirk, so a miss by one decoder is read by the other.
    private static string? ReadEitherDecoder(byte[] png)
    {
        if (QrDecoder.DecodeRaster(png) is { } text)
        {
            return text;
        }

        Skip.IfNot(ZbarReader.IsAvailable, "ZXing missed a file and zbarimg, the second decoder, is not installed (Debian: zbar-tools)");
        using var bitmap = SKBitmap.Decode(png);
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                grey[(y * bitmap.Width) + x] = (byte)(((pixel.Red * 299) + (pixel.Green * 587) + (pixel.Blue * 114)) / 1000);
            }
        }

        return ZbarReader.Read(grey, bitmap.Width, bitmap.Height, TimeSpan.FromSeconds(30));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var buffer = new MemoryStream();
        using (var stream = zip.GetEntry(name)!.Open())
        {
            stream.CopyTo(buffer);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task TheFinishedMailGoesToWhoeverStartedTheBatchAndToOwnersAndAdminsOnceTheyAreGone()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var editor = await ApiClient.SignUpAsync(api.Factory);
        var admin = await ApiClient.SignUpAsync(api.Factory);
        var leaver = await ApiClient.SignUpAsync(api.Factory);
        var team = await Teams.CreateAsync(owner);
        await Teams.AddAsync(api.Factory, team, editor, WorkspaceRoles.Editor);
        await Teams.AddAsync(api.Factory, team, admin, WorkspaceRoles.Admin);
        await Teams.AddAsync(api.Factory, team, leaver, WorkspaceRoles.Editor);
        var key = await admin.In(team).CreateApiKeyAsync("codes:write", "codes:read");
        var csv = Header + "\nOne,dynamic,,,,,,,,https://example.com/one,,,,,,,160\n";
        var byEditor = (await AcceptedAsync(editor.In(team), csv))["id"]!.GetValue<string>();
        using var keyUpload = await UploadAsync(admin, csv, bearer: key);
        Assert.Equal(HttpStatusCode.Accepted, keyUpload.StatusCode);
        var byKey = JsonNode.Parse(await keyUpload.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var byLeaver = (await AcceptedAsync(leaver.In(team), csv))["id"]!.GetValue<string>();
        using var left = await leaver.SendAsync(HttpMethod.Delete, $"/api/v1/workspaces/{team}/members/{leaver.AccountId}");
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);

        await using (var worker = await BatchWorkerHost.StartAsync(api.Infrastructure))
        {
            foreach (var id in new[] { byEditor, byKey, byLeaver })
            {
                await WaitUntilFinishedAsync(owner.In(team), id);
            }
        }

        Task<List<string>> RecipientsAsync(string id) => api.QueryAsync(db => db.EmailMessages
            .Where(m => m.Template == "batch-finished" && m.Data.Contains(id)).Select(m => m.To).OrderBy(to => to).ToListAsync());
        Assert.Equal([editor.Email], await RecipientsAsync(byEditor));
        Assert.Equal([admin.Email], await RecipientsAsync(byKey));
        Assert.Equal(new[] { owner.Email, admin.Email }.Order(StringComparer.Ordinal), (await RecipientsAsync(byLeaver)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DesignStudioColumnsFillTheRowsStyle()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var csv = "name,type,destination,modules,eyes,gradient_type,gradient_start,gradient_end,gradient_angle,eye_frame_colour,eye_ball_colour\n"
            + "Styled,dynamic,https://example.com/s,rounded_square,Leaf,radial,#1a237e,#4a148c,45,#b71c1c,#0d47a1\n";

        var batch = await AcceptedAsync(user, csv);

        var spec = JsonNode.Parse(await api.QueryAsync(db => db.BatchRows.AsNoTracking().Where(r => r.BatchId == batch["id"]!.GetValue<string>()).Select(r => r.Spec).SingleAsync()))!;
        var style = spec["style"]!;
        Assert.Equal("rounded_square", style["modules"]!.GetValue<string>());
        Assert.Equal("leaf", style["eyes"]!.GetValue<string>());
        Assert.Equal("radial", style["gradient"]!["type"]!.GetValue<string>());
        Assert.Equal("#4a148c", style["gradient"]!["end"]!.GetValue<string>());
        Assert.Equal(45, style["gradient"]!["angle"]!.GetValue<double>());
        Assert.Equal("#b71c1c", style["eyeFrameColour"]!.GetValue<string>());
        Assert.Equal("#0d47a1", style["eyeBallColour"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadDesignStudioCellsNameTheirColumns()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var csv = "name,type,destination,modules,gradient_start,gradient_end,gradient_angle,logo_padding\n"
            + "No end,dynamic,https://example.com/a,,#000000,,,\n"
            + "Pale end,dynamic,https://example.com/b,,#000000,#eeeeee,,\n"
            + "Angle,dynamic,https://example.com/c,,,,north,\n"
            + "Shape,dynamic,https://example.com/d,hexagon,,,,\n"
            + "Padding,dynamic,https://example.com/e,,,,,lots\n";

        using var response = await UploadAsync(user, csv);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var names = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("line 2.gradient_end", names);
        Assert.Contains("line 3.gradient_end", names);
        Assert.Contains("line 4.gradient_angle", names);
        Assert.Contains("line 5.modules", names);
        Assert.Contains("line 6.logo_padding", names);
        var shape = problem["rows"]!.AsArray().Single(r => r!["line"]!.GetValue<int>() == 5)!["message"]!.GetValue<string>();
        Assert.Contains("rounded_square", shape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRowsRefuseTheWholeFileNamingEachLineAndColumn()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var csv = "name,type,content_type,url,destination,foreground,geo_latitude,geo_longitude,ecc\n"
            + "Good,static,url,https://example.com/ok,,,,,\n"
            + "Phish,dynamic,,,javascript:alert(1),,,,\n"
            + "Good too,dynamic,,,https://example.com/fine,,,,\n"
            + "No url,static,url,,,,,,\n"
            + "Bad colour,static,url,https://example.com/c,,#zzz,,,\n"
            + "Somewhere,static,geo,,,,north,2.35,\n"
            + "Wrong ecc,dynamic,,,https://example.com/e,,,,Z\n"
            + ",static,text,,,,,,\n";

        using var response = await UploadAsync(user, csv);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var names = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("line 3.destination", names);
        Assert.Contains("line 5.url", names);
        Assert.Contains("line 6.foreground", names);
        Assert.Contains("line 7.geo_latitude", names);
        Assert.Contains("line 8.ecc", names);
        Assert.Contains("line 9.name", names);
        Assert.DoesNotContain(names, n => n.StartsWith("line 2.", StringComparison.Ordinal) || n.StartsWith("line 4.", StringComparison.Ordinal));
        var rows = problem["rows"]!.AsArray();
        Assert.Contains(rows, r => r!["line"]!.GetValue<int>() == 3 && r["field"]!.GetValue<string>() == "destination"
            && r["message"]!.GetValue<string>().Contains("http", StringComparison.Ordinal));
        Assert.Equal(0, await CodeCountAsync(user));
        Assert.Equal(0, await api.QueryAsync(db => db.Batches.CountAsync(b => b.WorkspaceId == user.AccountId)));
    }

    [Fact]
    public async Task AnUnknownOrMissingHeaderColumnIsRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var unknown = await UploadAsync(user, "name,type,colour\nA,static,red\n");
        using var missing = await UploadAsync(user, "name,destination\nA,https://example.com\n");
        using var empty = await UploadAsync(user, "\n");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "line 1.colour");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "line 1.type");
        await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MoreThanTenThousandRowsAreRefused()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var csv = new StringBuilder("name,type,content_type,text\n");
        for (var i = 0; i < 10_001; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"n{i},static,text,t{i}\n");
        }

        using var response = await UploadAsync(user, csv.ToString());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "line 10002.file");
        Assert.Contains("10,000", problem["errors"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await api.QueryAsync(db => db.Batches.CountAsync(b => b.WorkspaceId == user.AccountId)));
    }

    [Fact]
    public async Task NotMultipartIs415AndOverFiveMegabytesIs413()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);

        using var json = await user.SendAsync(HttpMethod.Post, "/api/v1/batches", new { file = "name,type\n" });
        using var huge = await UploadAsync(user, "name,type,content_type,text\n" + new string('x', 5 * 1024 * 1024 + 10));

        await ProblemAssert.IsProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task OnlyTheOwnerSeesABatchAndDownloadsWaitForCompletion()
    {
        var owner = await ApiClient.SignUpAsync(api.Factory);
        var stranger = await ApiClient.SignUpAsync(api.Factory);
        var first = await AcceptedAsync(owner, "name,type,destination\nOne,dynamic,https://example.com/1\n", format: "svg");
        var second = await AcceptedAsync(owner, "name,type,content_type,text\nTwo,static,text,two\n");
        var id = first["id"]!.GetValue<string>();

        using var early = await owner.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}/download");
        using var otherGet = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}");
        using var otherDownload = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}/download");
        using var list = await owner.SendAsync(HttpMethod.Get, "/api/v1/batches?limit=1");
        using var otherList = await stranger.SendAsync(HttpMethod.Get, "/api/v1/batches");

        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(otherGet, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(otherDownload, HttpStatusCode.NotFound);
        var page = (await list.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(second["id"]!.GetValue<string>(), page["items"]![0]!["id"]!.GetValue<string>()); // newest first
        using var next = await owner.SendAsync(HttpMethod.Get, $"/api/v1/batches?limit=1&cursor={page["nextCursor"]}");
        Assert.Equal(id, (await next.Content.ReadFromJsonAsync<JsonObject>())!["items"]![0]!["id"]!.GetValue<string>());
        Assert.Empty((await otherList.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());

        await using (var worker = await BatchWorkerHost.StartAsync(api.Infrastructure))
        {
            Assert.Equal("completed", (await WaitUntilFinishedAsync(owner, id))["status"]!.GetValue<string>());
            Assert.Equal("completed", (await WaitUntilFinishedAsync(owner, second["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        }

        using var zip = await DownloadAsync(owner, id);
        var row = Assert.Single(Manifest(zip));
        Assert.EndsWith(".svg", row["file"], StringComparison.Ordinal);
        using var strangerAfter = await stranger.SendAsync(HttpMethod.Get, $"/api/v1/batches/{id}/download");
        await ProblemAssert.IsProblemAsync(strangerAfter, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWorkerStoppedMidJobIsTakenOverWithoutDuplicateCodes()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var (csv, _) = MixedCsv(300);
        var id = (await AcceptedAsync(user, csv))["id"]!.GetValue<string>();

        // One row per transaction, so that the first Worker is surely stopped in the middle.
        // Leases long enough that a loaded machine does not lose one mid-chunk (each loss counts an attempt); the take-over
        // below waits for a lease the test sets itself.
        var first = await BatchWorkerHost.StartAsync(api.Infrastructure, ("BATCH_CHUNK_SIZE", "1"), ("BATCH_LEASE_SECONDS", "10"));
        await Eventually.ValueAsync(() => GetAsync(user, id), batch => batch["rowsDone"]!.GetValue<int>() >= 20, Timeout, TimeSpan.FromMilliseconds(10));

        await first.DisposeAsync();
        var stopped = await GetAsync(user, id);
        var doneWhenStopped = stopped["rowsDone"]!.GetValue<int>();
        Assert.True(doneWhenStopped is >= 20 and < 300, $"the first worker stopped after {doneWhenStopped} rows");
        Assert.Equal(doneWhenStopped, await CodeCountAsync(user));

        // As if the first Worker had died holding the batch: its lease must run out before another takes over.
        var leaseEnds = DateTime.UtcNow.AddSeconds(2);
        await api.QueryAsync(db => db.Batches.Where(b => b.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(b => b.Status, BatchStatus.Running)
            .SetProperty(b => b.LeaseOwner, "dead-worker")
            .SetProperty(b => b.LeaseExpiresAt, leaseEnds)));
        await using (var second = await BatchWorkerHost.StartAsync(api.Infrastructure, ("BATCH_CHUNK_SIZE", "25"), ("BATCH_LEASE_SECONDS", "10")))
        {
            var batch = await WaitUntilFinishedAsync(user, id);
            Assert.Equal("completed", batch["status"]!.GetValue<string>());
            Assert.Equal(300, batch["rowsDone"]!.GetValue<int>());
        }

        var stored = await api.QueryAsync(db => db.Batches.AsNoTracking().SingleAsync(b => b.Id == id));
        Assert.True(stored.StartedAt < leaseEnds && stored.FinishedAt >= leaseEnds, "the second worker waited for the dead worker's lease");
        Assert.Equal(300, await CodeCountAsync(user));
        var rowCodes = await api.QueryAsync(db => db.BatchRows.Where(r => r.BatchId == id).Select(r => r.QrCodeId).ToListAsync());
        Assert.Equal(300, rowCodes.OfType<string>().Distinct().Count());
        using var zip = await DownloadAsync(user, id);
        Assert.Equal(300, Manifest(zip).Select(r => r["id"]).Distinct().Count());
    }

    [Fact]
    public async Task TwoWorkersShareTheQueueAndEachBatchIsCreatedOnce()
    {
        var user = await ApiClient.SignUpAsync(api.Factory);
        var ids = new List<string>();
        for (var b = 0; b < 3; b++)
        {
            ids.Add((await AcceptedAsync(user, MixedCsv(60).Csv))["id"]!.GetValue<string>());
        }

        await using (var one = await BatchWorkerHost.StartAsync(api.Infrastructure, ("BATCH_CHUNK_SIZE", "5")))
        await using (var two = await BatchWorkerHost.StartAsync(api.Infrastructure, ("BATCH_CHUNK_SIZE", "5")))
        {
            foreach (var id in ids)
            {
                Assert.Equal("completed", (await WaitUntilFinishedAsync(user, id))["status"]!.GetValue<string>());
            }
        }

        Assert.Equal(180, await CodeCountAsync(user));
    }
}
