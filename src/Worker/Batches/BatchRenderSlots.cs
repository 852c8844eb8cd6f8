using QrAspire.QrCodes.Rendering;

namespace QrAspire.Worker.Batches;

/// <summary>
/// The CPU and memory that bulk rendering may take in this Worker, shared by every batch it runs at once: at most
/// <c>BATCH_RENDER_PARALLELISM</c> images at a time, each admitted by the process's <see cref="RenderBudget"/>
/// (<c>RENDER_MEMORY_BUDGET_MB</c>, <c>RENDER_MAX_CONCURRENT</c>) at its memory bound, as the Api admits its renders.
/// A bulk render waits for room as long as it takes: there is no caller to refuse. Scan ingestion and e-mail never
/// wait on either: they have their own loops and the cores these leave free.
/// </summary>
public sealed class BatchRenderSlots(BatchSettings settings, RenderBudget budget) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.RenderParallelism, settings.RenderParallelism);

    /// <summary>
    /// Runs <paramref name="render"/> on the budget's render threads once a slot is free and the budget has room for
    /// <paramref name="cost"/> bytes (<c>QrGeneration.MemoryBound</c> of the image).
    /// </summary>
    public async Task<T> RunAsync<T>(long cost, Func<T> render, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            using var permit = await budget.EnterAsync(cost, cancellationToken);
            return await permit.RunAsync(render);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
