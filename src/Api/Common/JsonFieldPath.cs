namespace QrAspire.Api.Common;

/// <summary>Field names in errors are JSON paths, as clients send them.</summary>
internal static class JsonFieldPath
{
    /// <summary>
    /// The JSON path of a property path: FastEndpoints and FluentValidation name fields as C# paths (<c>Content.Url</c>),
    /// clients send camelCase JSON (<c>content.url</c>).
    /// </summary>
    public static string From(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
