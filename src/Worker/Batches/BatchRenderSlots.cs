namespace QrAspire.Worker.Batches;

/// <summary>
/// The CPU that bulk rendering may take in this Worker, shared by every batch it runs at once
/// (<c>BATCH_RENDER_PARALLELISM</c>). Scan ingestion and e-mail never wait on it: they have their own loops and
/// the cores it leaves free.
/// </summary>
public sealed class BatchRenderSlots(BatchSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.RenderParallelism, settings.RenderParallelism);

    /// <summary>Runs <paramref name="render"/> on the thread pool once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> render, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(render, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
