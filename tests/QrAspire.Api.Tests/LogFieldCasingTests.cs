using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace QrAspire.Api.Tests;

/// <summary>
/// Every structured log field is snake_case (<c>qr_id</c>, <c>short_code</c>): the JSON log formatter writes a
/// message's placeholders as fields under their own names, so one casing keeps log queries simple.
/// </summary>
[Trait("Tier", "Unit")]
public sealed partial class LogFieldCasingTests
{
    // The services' assemblies and what they share; the test project references each, so all sit beside it.
    private static readonly string[] Expected =
    [
        "QrAspire.Api", "QrAspire.Redirector", "QrAspire.Worker", "QrAspire.Web", "QrAspire.Migrator",
        "QrAspire.ServiceDefaults",
    ];

    [Fact]
    public void EveryLoggerMessagePlaceholderIsSnakeCase()
    {
        var assemblies = QrAspireAssemblies();
        var names = assemblies.Select(a => a.GetName().Name!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(Expected.ToHashSet(StringComparer.Ordinal), names);

        var messages = assemblies.SelectMany(LoggerMessages).ToList();
        Assert.NotEmpty(messages);

        var offenders = messages
            .SelectMany(m => NotSnakeCase(m.Message).Select(name => $"{m.Where}: {{{name}}} in \"{m.Message}\""))
            .ToList();
        Assert.True(offenders.Count == 0, "Log placeholders must be snake_case:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("qr {QrId} created", "QrId")]
    [InlineData("mail {mailId} sent", "mailId")]
    [InlineData("next in {DelaySeconds:F1} s", "DelaySeconds")]
    public void APlaceholderThatIsNotSnakeCaseIsFound(string message, string expected) =>
        Assert.Equal([expected], NotSnakeCase(message));

    [Theory]
    [InlineData("qr {qr_id} {user_id} in {duration_ms} ms")]
    [InlineData("next in {delay_seconds:F1} s, {count,5} left")]
    [InlineData("literal {{Braces}} are not fields")]
    public void SnakeCasePlaceholdersAndEscapedBracesPass(string message) => Assert.Empty(NotSnakeCase(message));

    private static IEnumerable<string> NotSnakeCase(string message) =>
        Placeholder().Matches(WithoutEscapedBraces(message))
            .Select(m => m.Groups["name"].Value.TrimStart('@'))
            .Where(name => !SnakeCase().IsMatch(name));

    private static string WithoutEscapedBraces(string message) =>
        message.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);

    private static List<Assembly> QrAspireAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "QrAspire.*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "QrAspire.TestSupport")
            .Select(name => Assembly.Load(new AssemblyName(name)))
            .ToList();

    private static IEnumerable<(string Where, string Message)> LoggerMessages(Assembly assembly)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
            | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return assembly.GetTypes()
            .SelectMany(type => type.GetMethods(Declared))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => ($"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", x.Attribute!.Message));
    }

    [GeneratedRegex(@"\{(?<name>[^{}:,]+)[^{}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
