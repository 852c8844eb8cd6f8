using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScanRoutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "expired_fallback",
                table: "scans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<short>(
                name: "rule",
                table: "scans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "variant",
                table: "scans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scan_route_hours",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    rule = table.Column<short>(type: "INTEGER", nullable: false),
                    variant = table.Column<short>(type: "INTEGER", nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_head = table.Column<bool>(type: "INTEGER", nullable: false),
                    scans = table.Column<long>(type: "INTEGER", nullable: false),
                    unique_scanners = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_route_hours", x => new { x.qr_code_id, x.hour, x.rule, x.variant, x.is_bot, x.is_head });
                });

            migrationBuilder.CreateTable(
                name: "scan_route_visitors",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    rule = table.Column<short>(type: "INTEGER", nullable: false),
                    variant = table.Column<short>(type: "INTEGER", nullable: false),
                    visitor_hash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    first_hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    previous_first_hour = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_route_visitors", x => new { x.qr_code_id, x.day, x.rule, x.variant, x.visitor_hash });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_route_hours");

            migrationBuilder.DropTable(
                name: "scan_route_visitors");

            migrationBuilder.DropColumn(
                name: "expired_fallback",
                table: "scans");

            migrationBuilder.DropColumn(
                name: "rule",
                table: "scans");

            migrationBuilder.DropColumn(
                name: "variant",
                table: "scans");
        }
    }
}
