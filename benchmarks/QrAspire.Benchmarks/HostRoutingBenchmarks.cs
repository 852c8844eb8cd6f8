using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Primitives;
using QrAspire.Redirector.Domains;

namespace QrAspire.Benchmarks;

/// <summary>
/// The Redirector's per-request Host check before the cache lookup: nothing configured (the baseline, as before
/// branded domains), the service's own host among 1,000 verified branded domains and <c>REDIRECT_HOSTS</c> (still
/// no allocation), and a branded host (one string: its <c>{domainId}/{code}</c> cache key).
/// </summary>
[MemoryDiagnoser]
public class HostRoutingBenchmarks
{
    private const string Code = "Ab3x9kLm";
    private static readonly StringValues OwnHost = "qr.example.com";
    private static readonly StringValues BrandedHost = "go-500.example.com:443";

    private readonly HostRouting _none = new([]);
    private readonly HostRouting _many = new(["qr.example.com"]);

    [GlobalSetup]
    public void Setup()
    {
        _many.Replace(Enumerable.Range(0, 1000).ToDictionary(i => $"go-{i}.example.com", i => $"dom_{i:D20}"));
        if (!_none.TryKey(OwnHost, Code, out var plain) || plain != Code
            || !_many.TryKey(OwnHost, Code, out var own) || own != Code
            || !_many.TryKey(BrandedHost, Code, out var branded) || branded != $"dom_{500:D20}/{Code}")
        {
            throw new InvalidOperationException("host routing gives the wrong key");
        }
    }

    [Benchmark(Baseline = true, Description = "no branded domains, no REDIRECT_HOSTS")]
    public string Unconfigured() => _none.TryKey(OwnHost, Code, out var key) ? key : "";

    [Benchmark(Description = "own host, 1,000 branded domains")]
    public string OwnHostAmongBrandedDomains() => _many.TryKey(OwnHost, Code, out var key) ? key : "";

    [Benchmark(Description = "branded host, 1,000 branded domains")]
    public string BrandedHostKey() => _many.TryKey(BrandedHost, Code, out var key) ? key : "";
}
