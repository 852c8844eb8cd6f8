using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace QrAspire.QrEngine.Rendering;

/// <summary>
/// A growable byte buffer on pooled arrays that is also a write-only <see cref="Stream"/> (for zlib).
/// Renderers write into it and copy out once, so a render allocates little beyond its output.
/// </summary>
internal sealed class OutputBuffer : Stream
{
    private byte[] _buffer;
    private int _length;

    public OutputBuffer(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public int Count => _length;

    public Span<byte> Written => _buffer.AsSpan(0, _length);

    public Span<byte> GetSpan(int sizeHint)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Ensure(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteNumber(int value)
    {
        Ensure(11);
        if ((uint)value < 1000)
        {
            // Module coordinates and run lengths: most numbers a renderer writes. Digits by hand are ~3x quicker
            // than the general formatter, and EPS and PDF output is mostly such numbers.
            var at = _length;
            if (value >= 100)
            {
                _buffer[at++] = (byte)('0' + (value / 100));
                value %= 100;
                _buffer[at++] = (byte)('0' + (value / 10));
            }
            else if (value >= 10)
            {
                _buffer[at++] = (byte)('0' + (value / 10));
            }

            _buffer[at++] = (byte)('0' + (value % 10));
            _length = at;
            return;
        }

        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Writes a number with at most four decimals and no exponent, culture-invariant.</summary>
    public void WriteNumber(double value)
    {
        var rounded = Math.Round(value, 4);
        if (rounded == Math.Floor(rounded) && Math.Abs(rounded) < int.MaxValue)
        {
            WriteNumber((int)rounded);
            return;
        }

        Ensure(32);
        rounded.TryFormat(_buffer.AsSpan(_length), out var written, "0.####", CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Writes an ASCII/UTF-8 string (for rarely used text such as colours).</summary>
    public void WriteText(string text)
    {
        var count = System.Text.Encoding.UTF8.GetByteCount(text);
        Ensure(count);
        _length += System.Text.Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    public void SetLength(int length) => _length = length;

    public byte[] ToArray()
    {
        // Every byte is overwritten at once: the runtime need not zero the array first.
        var result = GC.AllocateUninitializedArray<byte>(_length);
        _buffer.AsSpan(0, _length).CopyTo(result);
        return result;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void Ensure(int additional)
    {
        if (_length + additional <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + additional));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
