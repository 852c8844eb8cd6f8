using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using QrAspire.Data.Model;
using QrAspire.TestSupport;
using Xunit.Abstractions;

namespace QrAspire.Api.Tests;

/// <summary>
/// The memory bound of bulk jobs, measured on a real Worker process held to a GC heap limit: a 10,000-row SVG batch
/// whose every image embeds a 1 MB logo makes a ZIP of about 10 GB, and the Worker stays within its bound because
/// the ZIP is streamed to storage entry by entry. Measured on PostgreSQL + Redis, as production runs. A measurement
/// (minutes of CPU and ~10 GB of disk), run by hand like the other Tier=Benchmark tests (docs/reliability.md).
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Tier", "Benchmark")]
public sealed class BatchMemoryTests(ApiHost api, ITestOutputHelper output)
{
    private const int Rows = 10_000;

    /// <summary>The Worker's Kubernetes memory limit (deploy/k8s/base/worker.yaml).</summary>
    private const long ContainerLimit = 1L << 30;

    /// <summary>The Worker's GC heap limit in this test: a quarter of its Kubernetes limit.</summary>
    private const long HeapLimit = 256L << 20;

    /// <summary>The stated bound on the Worker's peak resident memory (VmHWM) over the whole batch.</summary>
    private const long PeakResidentBound = 512L << 20;

    [SkippableFact]
    public async Task ATenThousandRowSvgBatchWithAOneMegabyteLogoStaysWithinItsMemoryBound()
    {
        Skip.If(api.Infrastructure.Mode != "local", "measured on PostgreSQL + Redis (QRASPIRE_TEST_MODE=local), as production runs");
        var user = await ApiClient.SignUpAsync(api.Factory);
        var png = TestImages.NoisePng(570, 575, seed: 10_000);
        Assert.InRange(png.Length, 1_000_000, 1_048_576);
        var logoId = await UploadLogoAsync(user, png);
        var csv = new StringBuilder("name,type,content_type,text,logo_id\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Label {i},static,text,label-{i},{logoId}\n");
        }

        var id = await UploadAsync(user, csv.ToString());
        // The Api's blob folder: the Worker reads the logo the Api stored, and writes the ZIP beside it.
        var blobs = api.Infrastructure.BlobStoragePath;
        string? zipPath = null;
        var log = new ConcurrentQueue<string>();
        using var worker = StartWorker(blobs, log);
        try
        {
            var peakSampled = 0L;
            var batch = await Eventually.ValueAsync(async () =>
            {
                peakSampled = Math.Max(peakSampled, ProcStatus(worker.Id, "VmRSS"));
                Assert.False(worker.HasExited, "the Worker died: " + string.Join('\n', log.TakeLast(20)));
                return await api.QueryAsync(db => db.Batches.AsNoTracking().SingleAsync(b => b.Id == id));
            }, b => b.Status is BatchStatus.Completed or BatchStatus.Failed, TimeSpan.FromMinutes(25), TimeSpan.FromMilliseconds(250));
            var peakResident = ProcStatus(worker.Id, "VmHWM");

            Assert.True(batch.Status == BatchStatus.Completed, $"{batch.Status}: {batch.Error}");
            Assert.Equal(Rows, batch.RowsDone);
            zipPath = Path.Combine(blobs, batch.BlobKey!);
            var zipBytes = new FileInfo(zipPath).Length;
            using (var zip = new ZipArchive(File.OpenRead(zipPath), ZipArchiveMode.Read))
            {
                if (zip.Entries.Count != Rows + 1)
                {
                    using var manifest = new StreamReader(zip.GetEntry("manifest.csv")!.Open());
                    Assert.Fail($"{zip.Entries.Count} entries, expected {Rows + 1}; the manifest begins: {string.Concat((await manifest.ReadToEndAsync()).Take(600))}");
                }

                using var reader = new StreamReader(zip.Entries[Rows - 1].Open());
                var svg = await reader.ReadToEndAsync();
                Assert.Contains("<svg", svg, StringComparison.Ordinal);
                Assert.Contains(Convert.ToBase64String(png.AsSpan(0, 3000))[..1000], svg, StringComparison.Ordinal);
            }

            var phases = log.Single(l => l.Contains("batch_phases", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
            var fields = JsonNode.Parse(phases)!;
            var pending = fields["pending_image_bytes"]!.GetValue<long>();
            var uploadBuffered = fields["upload_buffered_bytes"]!.GetValue<long>();
            output.WriteLine($"ZIP {zipBytes:N0} bytes, {Rows:N0} SVGs with a {png.Length:N0}-byte logo; Worker heap limit {HeapLimit >> 20} MiB; "
                + $"peak RSS {peakResident / 1048576.0:F0} MiB (sampled {peakSampled / 1048576.0:F0} MiB); images waiting at most {pending:N0} bytes; "
                + $"upload buffer at most {uploadBuffered:N0} bytes; {fields["zip_ms"]} ms to render and store");

            Assert.True(zipBytes > 20L * PeakResidentBound, $"the ZIP ({zipBytes:N0} bytes) is far larger than the memory bound");
            Assert.True(peakResident < PeakResidentBound, $"peak RSS {peakResident:N0} bytes, bound {PeakResidentBound:N0}");
            // At most two images per render slot wait to be written (each ~1.4 MB here).
            Assert.True(pending <= 4 * 2 * 1_500_000, $"{pending:N0} image bytes waited at once");
            Assert.True(uploadBuffered <= 81_920, $"the upload held {uploadBuffered:N0} bytes");
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
            }

            if (zipPath is not null)
            {
                File.Delete(zipPath); // about 10 GB
            }
        }
    }

    private Process StartWorker(string blobs, ConcurrentQueue<string> log)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "QrAspire.Worker.dll")}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in api.Infrastructure.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["BLOB_STORAGE_PATH"] = blobs;
        start.Environment["REDIRECT_BASE_URL"] = ApiFactory.RedirectBase;
        start.Environment["MAIL_PICKUP_DIRECTORY"] = TestFolders.New("memory-mail");
        start.Environment["WEB_BASE_URL"] = "http://127.0.0.1:9";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["BATCH_POLL_MILLISECONDS"] = "100";
        // Its container's limit, as the runtime would read it there (the render budget is a share of it), with the
        // heap held to a quarter of it rather than the runtime's three quarters.
        start.Environment["DOTNET_GCTotalPhysicalMemory"] = "0x" + ContainerLimit.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapLimit.ToString("X", CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A memory figure of /proc/{pid}/status in bytes (VmRSS now, VmHWM the peak so far); 0 once the process is gone.</summary>
    private static long ProcStatus(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<string> UploadLogoAsync(ApiClient user, byte[] png)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "logo.png" } };
        using var request = user.Request(HttpMethod.Post, "/api/v1/logos");
        request.Content = form;
        using var response = await user.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<string> UploadAsync(ApiClient user, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "codes.csv");
        form.Add(new StringContent("svg"), "format");
        using var request = user.Request(HttpMethod.Post, "/api/v1/batches");
        request.Content = form;
        using var response = await user.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }
}
