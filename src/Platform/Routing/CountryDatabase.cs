using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace QrAspire.Platform.Routing;

/// <summary>
/// The country of an address, read from a MaxMind DB file (format 2.0: a binary search tree over the address bits,
/// then a data section of typed values) held in memory. Either record layout the GeoIP database may have: MaxMind's
/// City and Country databases (<c>country.iso_code</c>) and ip-location-db's country-only ones (a flat
/// <c>country_code</c>). Written for the Redirector's hot path: no reflection (Native AOT), no allocation per lookup
/// (the answer is one of 676 interned two-letter strings), thread-safe (nothing mutates after load).
/// </summary>
public sealed class CountryDatabase
{
    private const int DataSectionSeparator = 16;
    private const int MaxDepth = 16;

    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];
    private static readonly string[] Codes = CreateCodes();

    private readonly byte[] _file;
    private readonly int _nodeCount;
    private readonly int _recordSize;
    private readonly int _nodeBytes;
    private readonly int _dataStart;
    private readonly int _ipv4Start;
    private readonly bool _ipv6Tree;

    private CountryDatabase(byte[] file)
    {
        _file = file;
        var marker = file.AsSpan().LastIndexOf(MetadataMarker);
        if (marker < 0)
        {
            throw new InvalidDataException("no MaxMind DB metadata marker: not a .mmdb file");
        }

        var metadataStart = marker + MetadataMarker.Length;
        long nodeCount = -1, recordSize = -1, ipVersion = -1;
        var offset = metadataStart;
        var (type, size) = ReadControl(file, ref offset);
        if (type != DataType.Map)
        {
            throw new InvalidDataException("the metadata is not a map");
        }

        for (var i = 0; i < size; i++)
        {
            var key = ReadKey(file, ref offset, metadataStart);
            if (key.SequenceEqual("node_count"u8))
            {
                nodeCount = ReadUnsigned(file, ref offset);
            }
            else if (key.SequenceEqual("record_size"u8))
            {
                recordSize = ReadUnsigned(file, ref offset);
            }
            else if (key.SequenceEqual("ip_version"u8))
            {
                ipVersion = ReadUnsigned(file, ref offset);
            }
            else
            {
                Skip(file, ref offset, 0);
            }
        }

        if (nodeCount <= 0 || recordSize is not (24 or 28 or 32) || ipVersion is not (4 or 6))
        {
            throw new InvalidDataException($"unsupported metadata: node_count {nodeCount}, record_size {recordSize}, ip_version {ipVersion}");
        }

        _nodeCount = checked((int)nodeCount);
        _recordSize = (int)recordSize;
        _nodeBytes = _recordSize / 4;
        _dataStart = checked((_nodeCount * _nodeBytes) + DataSectionSeparator);
        if (_dataStart > marker)
        {
            throw new InvalidDataException("the search tree is longer than the file");
        }

        _ipv6Tree = ipVersion == 6;
        // IPv4 addresses live under ::/96 of an IPv6 tree: walk those 96 zero bits once, not on every lookup.
        var node = 0;
        for (var bit = 0; _ipv6Tree && bit < 96 && node < _nodeCount; bit++)
        {
            node = Record(node, 0);
        }

        _ipv4Start = node;
    }

    /// <summary>Loads the file at <paramref name="path"/>; <see cref="InvalidDataException"/> when it is no MaxMind DB.</summary>
    public static CountryDatabase Open(string path) => new(File.ReadAllBytes(path));

    /// <summary>The address's ISO 3166-1 alpha-2 country code, or null when the database does not list it.</summary>
    public string? CountryOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length))
        {
            return null;
        }

        int node, start, bits;
        if (address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6)
        {
            node = _ipv4Start;
            start = length == 16 ? 12 : 0;
            bits = 32;
        }
        else if (_ipv6Tree)
        {
            node = 0;
            start = 0;
            bits = 128;
        }
        else
        {
            return null;
        }

        for (var i = 0; i < bits && node < _nodeCount; i++)
        {
            var bit = (bytes[start + (i >> 3)] >> (7 - (i & 7))) & 1;
            node = Record(node, bit);
        }

        if (node <= _nodeCount)
        {
            return null; // == node count: not listed; below it: the tree ended early (malformed)
        }

        var data = _dataStart + (node - _nodeCount - DataSectionSeparator);
        try
        {
            return (uint)data < (uint)_file.Length ? FindCountry(data) : null;
        }
        catch (Exception exception) when (exception is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException)
        {
            return null; // a damaged record: the scan has no country rather than no answer
        }
    }

    private int Record(int node, int right)
    {
        var at = node * _nodeBytes;
        var file = _file;
        return _recordSize switch
        {
            24 => right == 0 ? (file[at] << 16) | (file[at + 1] << 8) | file[at + 2] : (file[at + 3] << 16) | (file[at + 4] << 8) | file[at + 5],
            28 => right == 0
                ? ((file[at + 3] & 0xF0) << 20) | (file[at] << 16) | (file[at + 1] << 8) | file[at + 2]
                : ((file[at + 3] & 0x0F) << 24) | (file[at + 4] << 16) | (file[at + 5] << 8) | file[at + 6],
            _ => (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + (right * 4), 4)), int.MaxValue),
        };
    }

    // The record is a map: "country_code" holds the code, or "country" holds a map whose "iso_code" does.
    private string? FindCountry(int offset)
    {
        var file = _file;
        Follow(file, ref offset, _dataStart);
        var (type, size) = ReadControl(file, ref offset);
        if (type != DataType.Map)
        {
            return null;
        }

        for (var i = 0; i < size; i++)
        {
            var key = ReadKey(file, ref offset, _dataStart);
            if (key.SequenceEqual("country_code"u8))
            {
                return CodeAt(offset);
            }

            if (key.SequenceEqual("country"u8))
            {
                var inner = offset;
                Follow(file, ref inner, _dataStart);
                var (innerType, innerSize) = ReadControl(file, ref inner);
                for (var j = 0; innerType == DataType.Map && j < innerSize; j++)
                {
                    var innerKey = ReadKey(file, ref inner, _dataStart);
                    if (innerKey.SequenceEqual("iso_code"u8))
                    {
                        return CodeAt(inner);
                    }

                    Skip(file, ref inner, 0);
                }

                return null;
            }

            Skip(file, ref offset, 0);
        }

        return null;
    }

    private string? CodeAt(int offset)
    {
        var file = _file;
        Follow(file, ref offset, _dataStart);
        var (type, size) = ReadControl(file, ref offset);
        if (type != DataType.String || size != 2 || offset + 2 > file.Length)
        {
            return null;
        }

        int first = file[offset] & ~0x20, second = file[offset + 1] & ~0x20; // ASCII upper case
        return first is >= 'A' and <= 'Z' && second is >= 'A' and <= 'Z' ? Codes[((first - 'A') * 26) + (second - 'A')] : null;
    }

    private enum DataType
    {
        Extended = 0,
        Pointer = 1,
        String = 2,
        Double = 3,
        Bytes = 4,
        UInt16 = 5,
        UInt32 = 6,
        Map = 7,
        Int32 = 8,
        UInt64 = 9,
        UInt128 = 10,
        Array = 11,
        Container = 12,
        EndMarker = 13,
        Boolean = 14,
        Float = 15,
    }

    /// <summary>Reads a value's control byte(s): its type and its size (for a pointer, the raw 5 bits).</summary>
    private static (DataType Type, int Size) ReadControl(byte[] file, ref int offset)
    {
        var control = file[offset++];
        var type = (DataType)(control >> 5);
        if (type == DataType.Extended)
        {
            type = (DataType)(7 + file[offset++]);
        }

        if (type == DataType.Pointer)
        {
            return (type, control & 0x1F);
        }

        var size = control & 0x1F;
        size = size switch
        {
            29 => 29 + file[offset++],
            30 => 285 + ((file[offset++] << 8) | file[offset++]),
            31 => 65821 + ((file[offset++] << 16) | (file[offset++] << 8) | file[offset++]),
            _ => size,
        };
        return (type, size);
    }

    /// <summary>If a pointer is at <paramref name="offset"/>, moves there (where it points into the data section).</summary>
    private static void Follow(byte[] file, ref int offset, int sectionStart)
    {
        if (file[offset] >> 5 != (int)DataType.Pointer)
        {
            return;
        }

        var at = offset;
        var (_, bits) = ReadControl(file, ref at);
        offset = sectionStart + PointerTarget(file, ref at, bits);
    }

    private static int PointerTarget(byte[] file, ref int offset, int bits)
    {
        var high = bits & 0x07;
        return ((bits >> 3) & 0x03) switch
        {
            0 => (high << 8) | file[offset++],
            1 => ((high << 16) | (file[offset++] << 8) | file[offset++]) + 2048,
            2 => ((high << 24) | (file[offset++] << 16) | (file[offset++] << 8) | file[offset++]) + 526336,
            _ => (file[offset++] << 24) | (file[offset++] << 16) | (file[offset++] << 8) | file[offset++],
        };
    }

    /// <summary>A map key: a string, possibly behind a pointer; <paramref name="offset"/> moves past it.</summary>
    private static ReadOnlySpan<byte> ReadKey(byte[] file, ref int offset, int sectionStart)
    {
        var at = offset;
        var (type, size) = ReadControl(file, ref at);
        if (type == DataType.Pointer)
        {
            var target = sectionStart + PointerTarget(file, ref at, size);
            offset = at;
            var (keyType, keySize) = ReadControl(file, ref target);
            return keyType == DataType.String ? file.AsSpan(target, keySize) : throw new InvalidDataException("a map key is not a string");
        }

        offset = at + size;
        return type == DataType.String ? file.AsSpan(at, size) : throw new InvalidDataException("a map key is not a string");
    }

    private static long ReadUnsigned(byte[] file, ref int offset)
    {
        var (type, size) = ReadControl(file, ref offset);
        if (type is not (DataType.UInt16 or DataType.UInt32 or DataType.UInt64) || size > 8)
        {
            throw new InvalidDataException($"expected an unsigned number, found {type}");
        }

        long value = 0;
        for (var i = 0; i < size; i++)
        {
            value = (value << 8) | file[offset++];
        }

        return value;
    }

    /// <summary>Moves <paramref name="offset"/> past one value of any type (a pointer: past the pointer itself).</summary>
    private static void Skip(byte[] file, ref int offset, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("values nested too deep");
        }

        var (type, size) = ReadControl(file, ref offset);
        switch (type)
        {
            case DataType.Pointer:
                offset += ((size >> 3) & 0x03) + 1;
                break;
            case DataType.Map:
                for (var i = 0; i < size * 2; i++)
                {
                    Skip(file, ref offset, depth + 1);
                }

                break;
            case DataType.Array:
                for (var i = 0; i < size; i++)
                {
                    Skip(file, ref offset, depth + 1);
                }

                break;
            case DataType.Boolean:
                break;
            default:
                offset += size;
                break;
        }
    }

    private static string[] CreateCodes()
    {
        var codes = new string[26 * 26];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = string.Create(2, i, static (span, index) => (span[0], span[1]) = ((char)('A' + (index / 26)), (char)('A' + (index % 26))));
        }

        return codes;
    }
}
