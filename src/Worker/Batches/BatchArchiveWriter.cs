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

/// <summary>
/// The last step of a bulk job: renders every created code into one ZIP and stores it, renewing the lease through
/// <see cref="BatchLease"/> chunk by chunk.
/// </summary>
public sealed class BatchArchiveWriter(IServiceScopeFactory scopes, BatchSettings settings, BatchLease lease)
{
    private const int RenderChunk = 250;

    /// <summary>
    /// Renders every created code with its saved style into one ZIP with <c>manifest.csv</c> (line, name, id, type,
    /// short_url, file, error) and stores it; returns its blob key. Writing the same key again (after a takeover)
    /// replaces the ZIP with an identical one, since rendering is deterministic.
    /// </summary>
    public async Task<string> WriteAsync(BatchClaim claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QrAspireDbContext>();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var links = scope.ServiceProvider.GetRequiredService<RedirectLinks>();
        var format = QrFormats.Parse(claim.Format);
        var rows = await db.BatchRows.AsNoTracking().Where(r => r.BatchId == claim.BatchId).OrderBy(r => r.Line).ToListAsync(cancellationToken);
        var logos = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var manifest = new StringBuilder("line,name,id,type,short_url,file,error\n");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var chunk in rows.Chunk(RenderChunk))
            {
                await lease.RenewAsync(db, claim, cancellationToken);
                var ids = chunk.Select(r => r.QrCodeId).OfType<string>().ToList();
                var codes = await db.QrCodes.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
                var jobs = new List<(BatchRow Row, NewQrCode Spec, QrCode? Code, QrCodeStyle Style, ReadOnlyMemory<byte>? Logo, string? Problem)>(chunk.Length);
                foreach (var row in chunk)
                {
                    var code = row.QrCodeId is { } id ? codes.GetValueOrDefault(id) : null;
                    var style = code is null ? new QrCodeStyle() : QrCodeJson.StyleOf(code) ?? new QrCodeStyle();
                    ReadOnlyMemory<byte>? logo = null;
                    string? problem = null;
                    if (code is not null && style.LogoId is { } logoId)
                    {
                        if (!logos.TryGetValue(logoId, out var bytes))
                        {
                            logos[logoId] = bytes = await QrGeneration.LoadLogoAsync(db, blobs, logoId, claim.OwnerId, cancellationToken);
                        }

                        logo = bytes;
                        problem = bytes is null ? $"The logo {logoId} is no longer stored." : null;
                    }

                    jobs.Add((row, BatchRowWriter.NewCodeOf(row), code, style, logo, problem));
                }

                // Rendering is CPU-bound and independent per code: in parallel, then written in line order.
                var images = new RenderedImage?[jobs.Count];
                var problems = new string?[jobs.Count];
                Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.RenderParallelism, CancellationToken = cancellationToken }, i =>
                {
                    var job = jobs[i];
                    if (job.Code is null || job.Problem is not null)
                    {
                        problems[i] = job.Problem;
                        return;
                    }

                    try
                    {
                        images[i] = QrGeneration.Render(QrCodeContents.Of(job.Code, links), job.Style, format, job.Logo, WireNames.Of(job.Code.Kind.ToType())).Image;
                    }
                    catch (QrEngineException error)
                    {
                        problems[i] = error.Message;
                    }
                });

                for (var i = 0; i < jobs.Count; i++)
                {
                    var (row, spec, code, _, _, _) = jobs[i];
                    if (code is null)
                    {
                        AppendManifest(manifest, row.Line, spec.Name, null, spec.Kind, null, null, row.Error ?? "The code was not created.");
                        continue;
                    }

                    var shortUrl = code.ShortCode is null ? null : links.For(code.ShortCode);
                    if (images[i] is not { } image)
                    {
                        AppendManifest(manifest, row.Line, code.Name, code.Id, code.Kind, shortUrl, null, "The image could not be rendered: " + problems[i]);
                        continue;
                    }

                    var file = FileName(row.Line, code.Name, image.FileExtension);
                    // PNG, JPEG and WebP are compressed already; vector formats are text and shrink well.
                    var level = format is QrFormat.Svg or QrFormat.Pdf or QrFormat.Eps ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
                    var entry = zip.CreateEntry(file, level);
                    await using (var stream = await entry.OpenAsync(cancellationToken))
                    {
                        await stream.WriteAsync(image.Content, cancellationToken);
                    }

                    AppendManifest(manifest, row.Line, code.Name, code.Id, code.Kind, shortUrl, file, null);
                }
            }

            var manifestEntry = zip.CreateEntry("manifest.csv", CompressionLevel.Fastest);
            await using var manifestStream = await manifestEntry.OpenAsync(cancellationToken);
            await manifestStream.WriteAsync(Encoding.UTF8.GetBytes(manifest.ToString()), cancellationToken);
        }

        var key = $"batches/{claim.OwnerId}/{claim.BatchId}.zip";
        await blobs.PutAsync(key, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "application/zip", cancellationToken);
        return key;
    }

    private static string FileName(int line, string name, string extension)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var stem = slug.ToString().Trim('-');
        return stem.Length == 0 ? $"{line:D5}.{extension}" : $"{line:D5}-{stem}.{extension}";
    }

    private static void AppendManifest(StringBuilder manifest, int line, string name, string? id, QrCodeKind kind, string? shortUrl, string? file, string? error)
    {
        manifest.Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
            .Append(Csv(name)).Append(',')
            .Append(Csv(id)).Append(',')
            .Append(WireNames.Of(kind.ToType())).Append(',')
            .Append(Csv(shortUrl)).Append(',')
            .Append(Csv(file)).Append(',')
            .Append(Csv(error)).Append('\n');
    }

    // Quoted when needed; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it as a formula.
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
