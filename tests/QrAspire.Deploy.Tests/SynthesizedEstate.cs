using Amazon.CDK;
using Amazon.CDK.Assertions;
using QrAspire.Deploy.Aws;

namespace QrAspire.Deploy.Tests;

/// <summary>The estate of one environment, synthesized into a temporary cloud assembly.</summary>
public sealed class SynthesizedEstate : IDisposable
{
    private readonly string _directory;
    private readonly Dictionary<Stack, Template> _templates = [];

    public EnvironmentSettings Settings { get; }
    public Estate Estate { get; }

    /// <summary>Every template in the assembly: each stack's and each nested stack's, whatever new stacks appear.</summary>
    public IReadOnlyList<SynthesizedTemplate> Templates { get; }

    public SynthesizedEstate(EnvironmentSettings settings)
    {
        Settings = settings;
        _directory = Directory.CreateTempSubdirectory("qraspire-cdk-").FullName;
        var app = new App(new AppProps { Outdir = _directory });
        Estate = Estate.Build(app, settings, account: null);
        app.Synth();
        Templates = Directory.GetFiles(_directory, "*.template.json")
            .Order(StringComparer.Ordinal)
            .Select(path => SynthesizedTemplate.Parse(Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
    }

    /// <summary>The CDK assertions view of one stack, made once (the app is already synthesized).</summary>
    public Template Template(Stack stack)
    {
        lock (_templates)
        {
            if (!_templates.TryGetValue(stack, out var template))
            {
                template = Amazon.CDK.Assertions.Template.FromStack(stack);
                _templates[stack] = template;
            }
            return template;
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
