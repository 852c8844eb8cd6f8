using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using QrAspire.Benchmarks.Gates;

if (args.Length > 0 && args[0] == "--stopwatch")
{
    return StopwatchRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--gate")
{
    return GateRun.Run(args[1..]);
}

// Short runs in process: the whole suite stays within ~10 minutes on two cores, and the in-process
// toolchain avoids generating and building a second project under central package management.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(QrAspire.Benchmarks.FormatBenchmarks).Assembly).Run(args, config);
return 0;
