namespace QrAspire.QrCodes.Rendering;

/// <summary>
/// Admission control for rendering in one process: the renders running at once may hold together at most
/// <see cref="RenderBudgetSettings.MemoryBytes"/> (each charged its memory bound) and number at most
/// <see cref="RenderBudgetSettings.MaxConcurrent"/>. A render that does not fit waits, first come first served, in a
/// bounded queue for a bounded time. Waiting is asynchronous, so a full budget holds no thread. An admitted render
/// runs on the budget's <see cref="RenderThreads"/> (<see cref="RenderPermit.RunAsync{T}"/>).
/// </summary>
public sealed class RenderBudget(RenderBudgetSettings settings)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private long _held;
    private int _running;

    /// <summary>The limits this budget enforces.</summary>
    public RenderBudgetSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Renders admitted and not yet finished.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Renders waiting for room.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Bytes the admitted renders are charged together.</summary>
    public long HeldBytes
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>
    /// Seconds a refused caller should wait before trying again (for <c>Retry-After</c>): the queue's timeout, at
    /// least one second.
    /// </summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(Settings.QueueTimeout.TotalSeconds));

    /// <summary>
    /// Admits a render of <paramref name="cost"/> bytes at once, after a wait in the queue, or not at all (null: the
    /// queue is full, or the wait timed out). A cost above the whole budget is charged the whole budget: it runs alone.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<RenderPermit?> TryEnterAsync(long cost, CancellationToken cancellationToken)
    {
        var charge = Charge(cost);
        Waiter waiter;
        lock (_gate)
        {
            if (_queue.Count == 0 && Fits(charge))
            {
                return ValueTask.FromResult<RenderPermit?>(Admit(charge));
            }

            if (_queue.Count >= Settings.QueueLimit || Settings.QueueTimeout <= TimeSpan.Zero)
            {
                return ValueTask.FromResult<RenderPermit?>(null);
            }

            waiter = Enqueue(charge);
        }

        return WaitAsync(waiter, Settings.QueueTimeout, cancellationToken);
    }

    /// <summary>
    /// Admits a render of <paramref name="cost"/> bytes, waiting in the same queue as long as it takes (bulk work,
    /// which has no caller to refuse); it is not counted against <see cref="RenderBudgetSettings.QueueLimit"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<RenderPermit> EnterAsync(long cost, CancellationToken cancellationToken)
    {
        var charge = Charge(cost);
        Waiter waiter;
        lock (_gate)
        {
            if (_queue.Count == 0 && Fits(charge))
            {
                return Admit(charge);
            }

            waiter = Enqueue(charge);
        }

        return await WaitAsync(waiter, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
            ?? throw new OperationCanceledException(cancellationToken);
    }

    internal RenderThreads Threads { get; } = new(settings.MaxConcurrent, settings.Nice);

    private long Charge(long cost) => Math.Clamp(cost, 1, Settings.MemoryBytes);

    private bool Fits(long charge) => _running < Settings.MaxConcurrent && _held + charge <= Settings.MemoryBytes;

    private RenderPermit Admit(long charge)
    {
        _held += charge;
        _running++;
        return new RenderPermit(this, charge);
    }

    private Waiter Enqueue(long charge)
    {
        var waiter = new Waiter(charge);
        waiter.Node = _queue.AddLast(waiter);
        return waiter;
    }

    private async ValueTask<RenderPermit?> WaitAsync(Waiter waiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            expiry.CancelAfter(timeout);
        }

        await using (expiry.Token.Register(() => Abandon(waiter)).ConfigureAwait(false))
        {
            var permit = await waiter.Admitted.Task.ConfigureAwait(false);
            if (permit is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return permit;
        }
    }

    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // admitted in the meantime: the permit stands
            }

            _queue.Remove(waiter.Node);
            // The one that left may have been the large render holding back smaller ones behind it.
            AdmitWaiting();
        }

        waiter.Admitted.TrySetResult(null);
    }

    internal void Release(long charge)
    {
        lock (_gate)
        {
            _held -= charge;
            _running--;
            AdmitWaiting();
        }
    }

    // First come, first served: a large render at the head is not overtaken by small ones, so it cannot starve.
    private void AdmitWaiting()
    {
        while (_queue.First is { } head && Fits(head.Value.Charge))
        {
            _queue.RemoveFirst();
            head.Value.Admitted.TrySetResult(Admit(head.Value.Charge));
        }
    }

    private sealed class Waiter(long charge)
    {
        public long Charge { get; } = charge;

        public LinkedListNode<Waiter>? Node { get; set; }

        // Continuations run elsewhere: the thread that releases a permit must not go on to render the next request.
        public TaskCompletionSource<RenderPermit?> Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One admitted render's share of a <see cref="RenderBudget"/>; disposing it gives the share back.</summary>
public sealed class RenderPermit : IDisposable
{
    private RenderBudget? _budget;

    internal RenderPermit(RenderBudget budget, long charge)
    {
        _budget = budget;
        Charge = charge;
    }

    /// <summary>The bytes this render is charged.</summary>
    public long Charge { get; }

    /// <summary>
    /// Does the render's CPU work (<paramref name="render"/>) on one of the budget's render threads, which run at a
    /// lowered OS priority; an exception it throws is rethrown here.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The permit was given back.</exception>
    public Task<T> RunAsync<T>(Func<T> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var budget = Volatile.Read(ref _budget);
        ObjectDisposedException.ThrowIf(budget is null, this);
        return budget.Threads.RunAsync(render);
    }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release(Charge);
}
