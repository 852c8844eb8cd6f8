using System.Reflection;
using QrAspire.Contracts;

namespace QrAspire.Api.Tests;

/// <summary>
/// <see cref="QrCodeStyle.With"/> lays a request's style over a brand kit's: every field the request gives wins, every
/// field it leaves out keeps the kit's. A field added to the style but not to <c>With</c> fails here.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class QrCodeStyleOverlayTests
{
    public static TheoryData<string> Fields() => [.. typeof(QrCodeStyle).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Fields))]
    public void AGivenFieldWinsAndALeftOutOneKeepsTheKits(string field)
    {
        var property = typeof(QrCodeStyle).GetProperty(field)!;
        var value = SampleOf(property.PropertyType);
        var withField = new QrCodeStyle();
        property.SetValue(withField, value);

        Assert.Equal(value, property.GetValue(new QrCodeStyle().With(withField)));
        Assert.Equal(value, property.GetValue(withField.With(new QrCodeStyle())));
    }

    private static object SampleOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(int) => 7,
            _ when underlying == typeof(double) => 0.25,
            _ when underlying == typeof(bool) => true,
            _ when underlying == typeof(string) => "#123456",
            { IsEnum: true } => Enum.GetValues(underlying).GetValue(Enum.GetValues(underlying).Length - 1)!,
            _ => Activator.CreateInstance(underlying) ?? throw new InvalidOperationException($"no sample for {underlying}"),
        };
    }
}
