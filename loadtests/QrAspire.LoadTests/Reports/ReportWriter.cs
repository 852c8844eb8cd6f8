namespace QrAspire.LoadTests.Reports;

/// <summary>Writes a run's three reports into its run folder: summary.md, report.json, report.html (and memory.svg when sampled).</summary>
public static class ReportWriter
{
    public static async Task WriteAsync(RunReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.md"), MarkdownReport.Render(report));
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonReport.Render(report));
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), HtmlReport.Render(report));
        if (report.Memory.Count > 0)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "memory.svg"), MemoryReport.Chart(report.Memory));
        }
    }
}
