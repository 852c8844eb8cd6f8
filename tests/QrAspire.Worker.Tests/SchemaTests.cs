using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Database;

namespace QrAspire.Worker.Tests;

/// <summary>
/// Ties <see cref="Schema"/>, which the raw SQL of the Redirector and the Worker is written with, to EF Core's model
/// (which the migrations create) on both providers. Builds the model only: no database is opened.
/// </summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Providers => new() { "postgres", "sqlite" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryTableAndColumnOfSchemaIsMappedByTheModel(string provider)
    {
        var mapped = MappedColumns(provider);

        foreach (var (table, columns) in SchemaColumns())
        {
            Assert.True(mapped.ContainsKey(table), $"{provider}: Schema's table {table} is not in the model");
            foreach (var column in columns)
            {
                Assert.True(mapped[table].Contains(column), $"{provider}: Schema's column {table}.{column} is not in the model");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryTableAndColumnOfTheModelIsNamedInSchema(string provider)
    {
        var named = SchemaColumns();

        foreach (var (table, columns) in MappedColumns(provider))
        {
            Assert.True(named.ContainsKey(table), $"{provider}: the model's table {table} is not in Schema");
            foreach (var column in columns)
            {
                Assert.True(named[table].Contains(column), $"{provider}: the model's column {table}.{column} is not in Schema");
            }
        }
    }

    [Fact]
    public void StoredEnumNumbersAreTheEnumsValues()
    {
        AssertSameMembers<QrCodeKind>(typeof(Schema.QrCodes.Kinds));
        AssertSameMembers<QrCodeStatus>(typeof(Schema.QrCodes.Statuses));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void StoredEnumColumnsHoldNumbers(string provider)
    {
        using var context = Context(provider);
        var code = context.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(QrCode))!;

        // Raw SQL compares these columns with Schema's numbers: a value converter (to text, say) would break it silently.
        Assert.Null(code.FindProperty(nameof(QrCode.Kind))!.GetValueConverter());
        Assert.Null(code.FindProperty(nameof(QrCode.Status))!.GetValueConverter());
    }

    private static void AssertSameMembers<TEnum>(Type numbers) where TEnum : struct, Enum
    {
        var constants = numbers.GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        var values = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(values.OrderBy(p => p.Key), constants.OrderBy(p => p.Key));
    }

    // Schema's nested classes: each has a Table constant and one constant per column; nested number classes are skipped.
    private static Dictionary<string, HashSet<string>> SchemaColumns() =>
        typeof(Schema).GetNestedTypes(BindingFlags.Public).ToDictionary(
            type => (string)type.GetField("Table")!.GetRawConstantValue()!,
            type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "Table")
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static Dictionary<string, HashSet<string>> MappedColumns(string provider)
    {
        using var context = Context(provider);
        var model = context.GetService<IDesignTimeModel>().Model;
        return model.GetEntityTypes().ToDictionary(
            entity => entity.GetTableName()!,
            entity =>
            {
                var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                return entity.GetProperties().Select(p => p.GetColumnName(table)!).ToHashSet(StringComparer.Ordinal);
            },
            StringComparer.Ordinal);
    }

    private static QrAspireDbContext Context(string provider) => provider == "postgres"
        ? new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=schema_test").Options)
        : new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=schema_test.db").Options);
}
