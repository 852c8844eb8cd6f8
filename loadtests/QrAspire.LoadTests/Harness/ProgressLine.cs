namespace QrAspire.LoadTests.Harness;

/// <summary>
/// Prints a scenario's live progress once a second: elapsed, rate achieved, p50/p99 so far, errors. On a terminal the
/// line is rewritten in place; in a CI log each second gets its own line.
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private readonly TextWriter _output;
    private readonly string _scenario;
    private readonly LatencyRecorder _recorder;
    private readonly IClock _clock;
    private readonly TimeSpan _warmup;
    private readonly bool _inPlace;
    private readonly PeriodicTimer _timer = new(TimeSpan.FromSeconds(1));
    private readonly Task _loop;

    public ProgressLine(TextWriter output, string scenario, LatencyRecorder recorder, IClock clock, TimeSpan warmup)
    {
        _output = output;
        _scenario = scenario;
        _recorder = recorder;
        _clock = clock;
        _warmup = warmup;
        _inPlace = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        _loop = LoopAsync();
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            Write();
        }
    }

    private void Write()
    {
        var elapsed = _clock.Elapsed;
        var measured = elapsed - _warmup;
        string line;
        if (measured <= TimeSpan.Zero)
        {
            line = $"  {_scenario}: warm-up {elapsed.TotalSeconds,5:F0} s";
        }
        else
        {
            var progress = _recorder.Progress();
            line = $"  {_scenario}: {elapsed.TotalSeconds,5:F0} s  {progress.Requests / measured.TotalSeconds,8:F0} req/s  " +
                $"p50 {progress.P50Ms,8:F2} ms  p99 {progress.P99Ms,8:F2} ms  errors {progress.Errors}";
        }

        _output.Write(_inPlace ? $"\r{line}   " : line + Environment.NewLine);
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop;
        if (_inPlace)
        {
            _output.WriteLine();
        }
    }
}
