using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace QrAspire.Data;

// Used only by `dotnet ef migrations add`: migrations are generated without a live database.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        options.UsePostgres("Host=localhost;Database=qraspire");
        return new PostgresDbContext(options.Options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteDbContext>();
        options.UseSqliteFile("Data Source=design.db");
        return new SqliteDbContext(options.Options);
    }
}
