using Amazon.CDK;
using QrAspire.Deploy.Aws;

// Synthesizes the estate of every environment into cdk.out; `-c environment=staging` (or production) picks one.
// The CDK CLI names the output folder; `dotnet run` alone writes to cdk.out in the working directory.
var app = new App(new AppProps
{
    Outdir = System.Environment.GetEnvironmentVariable("CDK_OUTDIR") ?? Path.Combine(Directory.GetCurrentDirectory(), "cdk.out"),
});
var only = app.Node.TryGetContext("environment") as string;
var environments = EnvironmentSettings.All.Where(settings => only is null || settings.Name == only).ToList();
if (environments.Count == 0)
{
    Console.Error.WriteLine($"deploy: invalid context environment: '{only}'; expected one of "
        + string.Join(", ", EnvironmentSettings.All.Select(settings => settings.Name)));
    return 2;
}

foreach (var settings in environments)
{
    Estate.Build(app, settings, System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"));
}

app.Synth();
return 0;
