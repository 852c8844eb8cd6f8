using System.Diagnostics;
using System.Globalization;

namespace QrAspire.Benchmarks.Gates;

/// <summary>
/// <c>--stopwatch [rounds]</c>: a plain harness for profiling — each pair's two methods called alternately
/// (so a stall of the shared machine hits both sides alike), timed in thread CPU time like the gates
/// (<c>QRASPIRE_BENCH_CLOCK=wall</c> for the stopwatch), medians printed as the gate table would show them.
/// Run it under <c>dotnet-trace</c> to see where a renderer spends its time.
/// </summary>
public static class StopwatchRun
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var only = args.Length > 1 ? args[1] : null;
        var benchmarks = new FormatBenchmarks();
        benchmarks.Setup();
        var methods = new Dictionary<string, Func<object>>
        {
            [RatioGates.OursPng] = benchmarks.OursPng,
            [RatioGates.QRCoderPng] = benchmarks.QRCoderPng,
            [RatioGates.OursSvg] = benchmarks.OursSvg,
            [RatioGates.QRCoderSvg] = benchmarks.QRCoderSvg,
            [RatioGates.OursPdf] = benchmarks.OursPdf,
            [RatioGates.QRCoderPdf] = benchmarks.QRCoderPdf,
            [RatioGates.OursEps] = benchmarks.OursEps,
            [RatioGates.QRCoderEps] = benchmarks.QRCoderEps,
            [RatioGates.OursJpeg] = benchmarks.OursJpeg,
            [RatioGates.SkiaJpeg] = benchmarks.SkiaJpeg,
            [RatioGates.OursWebp] = benchmarks.OursWebp,
            [RatioGates.SkiaWebp] = benchmarks.SkiaWebp,
            [RatioGates.OursEncode] = benchmarks.OursEncode,
            [RatioGates.QRCoderEncode] = benchmarks.QRCoderEncode,
        };
        if (only == "parts")
        {
            foreach (var (name, method) in benchmarks.Parts())
            {
                var times = new double[rounds];
                for (var i = 0; i < rounds; i++)
                {
                    times[i] = Time(method);
                }

                Console.WriteLine($"{name}: {RatioGates.Micros(Median(times))}");
            }

            return 0;
        }

        var medians = new Dictionary<string, double>();
        foreach (var gate in RatioGates.All.Where(g => only is null || string.Equals(g.Format, only, StringComparison.OrdinalIgnoreCase)))
        {
            var (ours, counterpart) = (methods[gate.Ours], methods[gate.Counterpart]);
            var n = gate.Format is "JPEG" or "WebP" ? Math.Max(rounds / 10, 5) : rounds;
            for (var i = 0; i < Math.Min(n, 20); i++)
            {
                ours();
                counterpart();
            }

            var (a, b) = (new double[n], new double[n]);
            for (var i = 0; i < n; i++)
            {
                a[i] = Time(ours);
                b[i] = Time(counterpart);
            }

            medians[gate.Ours] = Median(a);
            medians[gate.Counterpart] = Median(b);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{gate.Format}: {RatioGates.Micros(medians[gate.Ours])} / {RatioGates.Micros(medians[gate.Counterpart])} = {medians[gate.Ours] / medians[gate.Counterpart]:0.00} ({n} rounds; {Length(ours())} / {Length(counterpart())} bytes)"));
        }

        return 0;
    }

    private static bool UseWallClock { get; } = Environment.GetEnvironmentVariable("QRASPIRE_BENCH_CLOCK") == "wall";

    private static double Time(Func<object> method)
    {
        if (UseWallClock)
        {
            var started = Stopwatch.GetTimestamp();
            GC.KeepAlive(method());
            return Stopwatch.GetElapsedTime(started).TotalNanoseconds;
        }

        var start = ThreadCpuClock.Instance.GetTimestamp();
        GC.KeepAlive(method());
        return ThreadCpuClock.Instance.GetTimestamp() - start;
    }

    private static int Length(object output) => output switch
    {
        byte[] bytes => bytes.Length,
        string text => System.Text.Encoding.UTF8.GetByteCount(text),
        _ => 0,
    };

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }
}
