using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QrAspire.Contracts;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.QrCodes;
using QrAspire.QrEngine;
using QrAspire.Storage;

namespace QrAspire.Worker.Batches;

/// <summary>A stored ZIP and what writing it held in memory.</summary>
/// <param name="Key">Its blob key.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="PeakPendingBytes">The most rendered image bytes that waited in memory at once to be written.</param>
/// <param name="PeakUploadBuffered">The most bytes the upload held in memory at once.</param>
/// <param name="UploadBufferLimit">The most bytes the upload may hold (one S3 part, or a file buffer).</param>
public sealed record BatchArchive(string Key, long Bytes, long PeakPendingBytes, int PeakUploadBuffered, int UploadBufferLimit);

/// <summary>
/// The last step of a bulk job: renders every created code and streams the ZIP to blob storage entry by entry, so
/// the Worker holds a page of rows, a few images and one upload buffer whatever the batch's size. The lease is
/// renewed through <see cref="BatchLease"/> page by page.
/// </summary>
public sealed class BatchArchiveWriter(IServiceScopeFactory scopes, BatchSettings settings, BatchRenderSlots slots, BatchLease lease)
{
    private const int PageSize = 250;

    /// <summary>
    /// Renders every created code with its saved style into one ZIP with <c>manifest.csv</c> (line, name, id, type,
    /// short_url, file, error) and stores it; returns its blob key. Writing the same key again (after a takeover)
    /// replaces the ZIP with an identical one, since rendering is deterministic; an unfinished upload is discarded.
    /// </summary>
    public async Task<BatchArchive> WriteAsync(BatchClaim claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var links = scope.ServiceProvider.GetRequiredService<RedirectLinks>();
        var format = QrFormats.Parse(claim.Format);
        var logos = new BatchLogoCache(db, blobs, claim.WorkspaceId);
        var key = $"batches/{claim.WorkspaceId}/{claim.BatchId}.zip";
        // Why an image is missing, by line: only rows that failed, for the manifest written after the images.
        var failures = new Dictionary<int, string>();
        var pending = new PendingBytes();
        await using var upload = await blobs.OpenWriteAsync(key, "application/zip", cancellationToken);
        await using (var zip = new ZipArchive(upload, ZipArchiveMode.Create, leaveOpen: true))
        {
            var afterLine = 0;
            while (await NextPageAsync(db, claim, afterLine, cancellationToken) is { Count: > 0 } page)
            {
                afterLine = page[^1].Row.Line;
                var rendering = new Queue<(BatchRow Row, QrCode Code, Task<(RenderedImage? Image, string? Problem)> Render)>();
                foreach (var (row, code) in page)
                {
                    if (code is null)
                    {
                        continue;
                    }

                    var style = QrCodeJson.StyleOf(code) ?? new QrCodeStyle();
                    byte[]? logo = null;
                    if (style.LogoId is { } logoId && (logo = await logos.GetAsync(logoId, cancellationToken)) is null)
                    {
                        failures[row.Line] = $"The image could not be rendered: the logo {logoId} is no longer stored.";
                        continue;
                    }

                    // Rendered ahead in parallel but written in line order: at most a window of images wait in memory.
                    rendering.Enqueue((row, code, RenderAsync(code, style, format, logo, links, pending, cancellationToken)));
                    if (rendering.Count >= settings.RenderParallelism * 2)
                    {
                        await WriteNextAsync(zip, rendering, failures, pending, cancellationToken);
                    }
                }

                while (rendering.Count > 0)
                {
                    await WriteNextAsync(zip, rendering, failures, pending, cancellationToken);
                }
            }

            await WriteManifestAsync(zip, db, claim, format, links, failures, cancellationToken);
        }

        var bytes = upload.Position;
        await upload.CompleteAsync(cancellationToken);
        return new BatchArchive(key, bytes, pending.Peak, upload.PeakBuffered, upload.BufferLimit);
    }

    /// <summary>The next rows after <paramref name="afterLine"/> with their codes (null where none was created); renews the lease.</summary>
    private async Task<List<(BatchRow Row, QrCode? Code)>> NextPageAsync(QrAspireDbContext db, BatchClaim claim, int afterLine, CancellationToken cancellationToken)
    {
        await lease.RenewAsync(db, claim, cancellationToken);
        var rows = await db.BatchRows.AsNoTracking().Where(r => r.BatchId == claim.BatchId && r.Line > afterLine)
            .OrderBy(r => r.Line).Take(PageSize).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.QrCodeId).OfType<string>().ToList();
        var codes = await db.QrCodes.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. rows.Select(r => (r, r.QrCodeId is { } id ? codes.GetValueOrDefault(id) : null))];
    }

    private Task<(RenderedImage? Image, string? Problem)> RenderAsync(
        QrCode code, QrCodeStyle style, QrFormat format, byte[]? logo, RedirectLinks links, PendingBytes pending, CancellationToken cancellationToken)
    {
        // A null array converts to an empty logo, not to none, and so would a bare `null` in a conditional whose
        // other side is a ReadOnlyMemory (the null literal goes through the array conversion).
        var logoBytes = logo is null ? default(ReadOnlyMemory<byte>?) : logo;
        long cost;
        try
        {
            cost = QrGeneration.MemoryBound(style, format, logoBytes);
        }
        catch (QrEngineException error)
        {
            return Task.FromResult<(RenderedImage?, string?)>((null, error.Message));
        }

        return slots.RunAsync<(RenderedImage?, string?)>(cost, () =>
        {
            try
            {
                var image = QrGeneration.Render(QrCodeContents.Of(code, links), style, format, logoBytes, WireNames.Of(code.Kind.ToType())).Image;
                pending.Add(image.Content.Length);
                return (image, null);
            }
            catch (QrEngineException error)
            {
                return (null, error.Message);
            }
        }, cancellationToken);
    }

    private static async Task WriteNextAsync(
        ZipArchive zip, Queue<(BatchRow Row, QrCode Code, Task<(RenderedImage? Image, string? Problem)> Render)> rendering,
        Dictionary<int, string> failures, PendingBytes pending, CancellationToken cancellationToken)
    {
        var (row, code, render) = rendering.Dequeue();
        var (image, problem) = await render;
        if (image is null)
        {
            failures[row.Line] = "The image could not be rendered: " + problem;
            return;
        }

        // PNG, JPEG and WebP are compressed already; vector formats are text and shrink well.
        var level = image.FileExtension is "svg" or "pdf" or "eps" ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        var entry = zip.CreateEntry(BatchManifest.FileName(row.Line, code.Name, image.FileExtension), level);
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await stream.WriteAsync(image.Content, cancellationToken);
        }

        pending.Remove(image.Content.Length);
    }

    /// <summary>The manifest, from a second pass over the rows, so that no per-row list is kept while rendering.</summary>
    private async Task WriteManifestAsync(
        ZipArchive zip, QrAspireDbContext db, BatchClaim claim, QrFormat format, RedirectLinks links, Dictionary<int, string> failures, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry("manifest.csv", CompressionLevel.Fastest);
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            await using (writer)
            {
                await writer.WriteAsync(BatchManifest.Header);
                var afterLine = 0;
                while (await NextPageAsync(db, claim, afterLine, cancellationToken) is { Count: > 0 } page)
                {
                    afterLine = page[^1].Row.Line;
                    foreach (var (row, code) in page)
                    {
                        if (code is null)
                        {
                            var spec = BatchRowWriter.NewCodeOf(row);
                            BatchManifest.WriteLine(writer, row.Line, spec.Name, null, spec.Kind, null, null, row.Error ?? "The code was not created.");
                            continue;
                        }

                        var shortUrl = code.ShortCode is null ? null : links.For(code.ShortCode);
                        var failure = failures.GetValueOrDefault(row.Line);
                        var file = failure is null ? BatchManifest.FileName(row.Line, code.Name, format.FileExtension()) : null;
                        BatchManifest.WriteLine(writer, row.Line, code.Name, code.Id, code.Kind, shortUrl, file, failure);
                    }

                    await writer.FlushAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>Rendered bytes not yet written to the ZIP, and the most there ever were.</summary>
    private sealed class PendingBytes
    {
        private long _now;
        private long _peak;

        public long Peak => Interlocked.Read(ref _peak);

        public void Add(long bytes)
        {
            var now = Interlocked.Add(ref _now, bytes);
            long peak;
            while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
        }

        public void Remove(long bytes) => Interlocked.Add(ref _now, -bytes);
    }
}
