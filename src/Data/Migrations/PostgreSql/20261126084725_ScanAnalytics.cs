using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScanAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scan_dead_letters",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_dead_letters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scan_rollups",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    country = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    region = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    city = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    device_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    os = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    browser = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    referrer_host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    is_head = table.Column<bool>(type: "boolean", nullable: false),
                    scans = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_rollups", x => new { x.qr_code_id, x.hour, x.country, x.region, x.city, x.device_type, x.os, x.browser, x.referrer_host, x.is_bot, x.is_head });
                });

            migrationBuilder.CreateTable(
                name: "scan_visitors",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    visitor_hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    first_hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_visitors", x => new { x.qr_code_id, x.day, x.visitor_hash });
                });

            migrationBuilder.CreateTable(
                name: "scans",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    qr_code_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    short_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    country = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    region = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    city = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    device_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    os = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    browser = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    referrer_host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ip_anonymised = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    visitor_hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    is_head = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scans", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scan_dead_letters_failed_at",
                table: "scan_dead_letters",
                column: "failed_at");

            migrationBuilder.CreateIndex(
                name: "IX_scans_occurred_at",
                table: "scans",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "IX_scans_qr_code_id_occurred_at",
                table: "scans",
                columns: new[] { "qr_code_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_dead_letters");

            migrationBuilder.DropTable(
                name: "scan_rollups");

            migrationBuilder.DropTable(
                name: "scan_visitors");

            migrationBuilder.DropTable(
                name: "scans");
        }
    }
}
