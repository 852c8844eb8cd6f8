using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.PostgreSql
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
                type: "text",
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
