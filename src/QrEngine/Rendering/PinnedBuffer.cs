using System.Buffers;
using System.Runtime.InteropServices;

namespace QrAspire.QrEngine.Rendering;

/// <summary>Pooled bytes, pinned so SkiaSharp can draw into them; back to the pool when disposed.</summary>
internal ref struct PinnedBuffer
{
    private readonly byte[] _array;
    private readonly int _length;
    private GCHandle _handle;

    public PinnedBuffer(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        _length = length;
        _handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
    }

    public readonly IntPtr Address => _handle.AddrOfPinnedObject();

    public readonly Span<byte> Span => _array.AsSpan(0, _length);

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
