using System.Text.Json.Nodes;

namespace QrAspire.Deploy.Tests;

/// <summary>One CloudFormation template of a cloud assembly (a stack's or a nested stack's), as JSON.</summary>
public sealed record SynthesizedTemplate(string Name, JsonObject Json)
{
    public IEnumerable<(string Id, string Type, JsonObject Properties, JsonObject Resource)> Resources =>
        (Json["Resources"] as JsonObject ?? [])
        .Select(pair => (pair.Key, (string)pair.Value!["Type"]!, pair.Value!["Properties"] as JsonObject ?? [],
            (JsonObject)pair.Value!));

    public IEnumerable<(string Id, JsonObject Properties, JsonObject Resource)> OfType(string type) =>
        Resources.Where(resource => resource.Type == type)
            .Select(resource => (resource.Id, resource.Properties, resource.Resource));

    public static SynthesizedTemplate Parse(string name, string json) => new(name, JsonNode.Parse(json)!.AsObject());
}
