using QrAspire.LoadTests.Harness;

namespace QrAspire.LoadTests.Tests.Harness;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void FailedAnswersAreTimedAndCountedByReason()
    {
        var recorder = new LatencyRecorder();

        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(2), TimeSpan.Zero, RequestOutcome.Ok);
        recorder.Record(TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(40), TimeSpan.Zero, RequestOutcome.Failed("HTTP 500"));
        recorder.RecordMissedSend(TimeSpan.FromSeconds(1.7));

        var summary = recorder.Summarize();
        Assert.Equal(3, summary.Requests);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(40, summary.MaxMs, tolerance: 0.1);
        Assert.Equal(1, summary.Failures["HTTP 500"]);
        Assert.Equal([0L, 1L], summary.Timeline.Select(p => p.Second));
        Assert.Equal(2, summary.Timeline[1].Requests);
        Assert.Equal(2, summary.Timeline[1].Errors);
    }

    [Fact]
    public void AnEmptyRecorderSummarizesToZeroes()
    {
        var summary = new LatencyRecorder().Summarize();

        Assert.Equal(0, summary.Requests);
        Assert.Equal(0, summary.ErrorRate);
        Assert.Equal(0, summary.P99Ms);
    }
}
