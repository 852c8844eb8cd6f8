namespace QrAspire.LoadTests.Harness;

/// <summary>
/// Sends requests on an open model. Latency is measured from each request's scheduled time, not from when it was sent,
/// so a server that stalls is charged for every request that waited behind the stall (no coordinated omission). At
/// most <see cref="ScheduleSettings.MaxInFlight"/> requests are outstanding; a request due while the cap is reached is
/// not sent and is recorded as a missed send, which counts as an error.
/// </summary>
public sealed class OpenModelScheduler(IClock clock, ScheduleSettings settings)
{
    private int _inFlight;
    private int _schedulingDone;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Runs the whole schedule and returns once every sent request has answered. <paramref name="send"/> sends
    /// request number i; failures may be returned or thrown.
    /// </summary>
    public async Task RunAsync(Func<long, CancellationToken, Task<RequestOutcome>> send, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var total = settings.TotalRequests;
        for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = settings.DueTime(i);
            if (clock.Elapsed < due)
            {
                try
                {
                    await clock.WaitUntilAsync(due, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break; // stopped by the user: what was sent is still awaited and reported
                }
            }

            var measured = due >= settings.Warmup;
            var offset = due - settings.Warmup;
            if (Volatile.Read(ref _inFlight) >= settings.MaxInFlight)
            {
                if (measured)
                {
                    recorder.RecordMissedSend(offset);
                }

                continue;
            }

            Interlocked.Increment(ref _inFlight);
            _ = SendOneAsync(i, due, measured ? offset : null, send, recorder, cancellationToken);
        }

        Volatile.Write(ref _schedulingDone, 1);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task;
    }

    private async Task SendOneAsync(long index, TimeSpan due, TimeSpan? offset, Func<long, CancellationToken, Task<RequestOutcome>> send,
        LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var sendLag = clock.Elapsed - due;
        RequestOutcome outcome;
        try
        {
            outcome = await send(index, cancellationToken);
        }
        catch (Exception exception)
        {
            outcome = RequestOutcome.Failed(exception.GetType().Name);
        }

        if (offset is { } measuredOffset)
        {
            recorder.Record(measuredOffset, clock.Elapsed - due, sendLag, outcome);
        }

        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone) == 1)
        {
            _drained.TrySetResult();
        }
    }
}
