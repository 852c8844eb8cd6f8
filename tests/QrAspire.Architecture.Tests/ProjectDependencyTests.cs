using System.Xml.Linq;

namespace QrAspire.Architecture.Tests;

/// <summary>
/// Project references point one way: the wire contracts depend on nothing; clients of the public REST API (the web
/// console, the load harness) see only the contracts and the service defaults, never the domain, the data model or
/// the shared service plumbing; the AOT Redirector stays off EF Core and the domain. See docs/architecture.md.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, string[]> References = ReadReferences();

    [Fact]
    public void ContractsReferenceNoProject() =>
        Assert.Empty(References["QrAspire.Contracts"]);

    [Fact]
    public void QrEngineReferencesNoProject() =>
        Assert.Empty(References["QrAspire.QrEngine"]);

    [Theory]
    [InlineData("QrAspire.Web")]
    [InlineData("QrAspire.LoadTests")]
    public void ApiClientsSeeOnlyTheContractsAndServiceDefaults(string client)
    {
        var allowed = new[] { "QrAspire.Contracts", "QrAspire.ServiceDefaults" };

        Assert.Empty(Closure(client).Except(allowed));
    }

    [Fact]
    public void RedirectorStaysOffTheDataModelAndTheDomain()
    {
        var forbidden = new[] { "QrAspire.Data", "QrAspire.QrCodes", "QrAspire.QrEngine", "QrAspire.Storage", "QrAspire.Api" };

        Assert.Empty(Closure("QrAspire.Redirector").Intersect(forbidden));
    }

    [Fact]
    public void DomainDoesNotReferenceServices()
    {
        var services = new[] { "QrAspire.Api", "QrAspire.Worker", "QrAspire.Web", "QrAspire.Redirector", "QrAspire.Migrator", "QrAspire.AppHost" };

        foreach (var library in new[] { "QrAspire.Contracts", "QrAspire.QrCodes", "QrAspire.Data", "QrAspire.Platform", "QrAspire.Storage", "QrAspire.QrEngine" })
        {
            Assert.True(!Closure(library).Intersect(services).Any(), $"{library} references a service: {string.Join(", ", Closure(library).Intersect(services))}");
        }
    }

    [Fact]
    public void NoSourceFolderIsAnExtensionsJunkDrawer()
    {
        var drawers = Directory.EnumerateDirectories(Root, "Extensions", SearchOption.AllDirectories)
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !d.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !d.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !d.Contains($"{Path.DirectorySeparatorChar}.", StringComparison.Ordinal))
            .Select(d => Path.GetRelativePath(Root, d));

        Assert.Empty(drawers);
    }

    [Fact]
    public void TheRulesSeeEveryProject()
    {
        // A rule over a project the reader cannot find would pass vacuously.
        Assert.Contains("QrAspire.Web", References.Keys);
        Assert.Contains("QrAspire.LoadTests", References.Keys);
        Assert.Contains("QrAspire.Redirector", References.Keys);
        Assert.Contains("QrAspire.Api", References.Keys);
        Assert.True(References.Count >= 15, $"found only {References.Count} projects under {Root}");
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References[project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in References[next])
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private static Dictionary<string, string[]> ReadReferences()
    {
        var projects = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return projects.ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray(),
            StringComparer.Ordinal);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
