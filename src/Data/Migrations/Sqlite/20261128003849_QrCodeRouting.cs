using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QrCodeRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "routing",
                table: "qr_codes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "routing",
                table: "qr_codes");
        }
    }
}
