using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScanAggregatesPerDimension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "previous_first_hour",
                table: "scan_visitors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scan_dimension_days",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_head = table.Column<bool>(type: "INTEGER", nullable: false),
                    scans = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_dimension_days", x => new { x.qr_code_id, x.day, x.dimension, x.value, x.is_bot, x.is_head });
                });

            migrationBuilder.CreateTable(
                name: "scan_dimension_hours",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_head = table.Column<bool>(type: "INTEGER", nullable: false),
                    scans = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_dimension_hours", x => new { x.qr_code_id, x.hour, x.dimension, x.value, x.is_bot, x.is_head });
                });

            migrationBuilder.CreateTable(
                name: "scan_hours",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_head = table.Column<bool>(type: "INTEGER", nullable: false),
                    scans = table.Column<long>(type: "INTEGER", nullable: false),
                    unique_scanners = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_hours", x => new { x.qr_code_id, x.hour, x.is_bot, x.is_head });
                });

            // Existing counts move over before the combined rollup goes: hours and first visits, then each dimension.
            migrationBuilder.Sql("""
                INSERT INTO scan_hours (qr_code_id, hour, is_bot, is_head, scans, unique_scanners)
                SELECT qr_code_id, hour, is_bot, is_head, sum(scans), sum(visitors) FROM (
                    SELECT qr_code_id, hour, is_bot, is_head, scans, 0 AS visitors FROM scan_rollups
                    UNION ALL SELECT qr_code_id, first_hour, is_bot, 0, 0, 1 FROM scan_visitors) AS counted
                GROUP BY qr_code_id, hour, is_bot, is_head;
                INSERT INTO scan_dimension_hours (qr_code_id, hour, dimension, value, is_bot, is_head, scans)
                SELECT qr_code_id, hour, dimension, value, is_bot, is_head, sum(scans) FROM (
                    SELECT qr_code_id, hour, 0 AS dimension, country AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 1 AS dimension, region AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 2 AS dimension, city AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 3 AS dimension, device_type AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 4 AS dimension, os AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 5 AS dimension, browser AS value, is_bot, is_head, scans FROM scan_rollups
                    UNION ALL SELECT qr_code_id, hour, 6 AS dimension, referrer_host AS value, is_bot, is_head, scans FROM scan_rollups) AS split
                GROUP BY qr_code_id, hour, dimension, value, is_bot, is_head;
                INSERT INTO scan_dimension_days (qr_code_id, day, dimension, value, is_bot, is_head, scans)
                SELECT qr_code_id, substr(hour, 1, 10) || ' 00:00:00', dimension, value, is_bot, is_head, sum(scans) FROM scan_dimension_hours
                GROUP BY qr_code_id, substr(hour, 1, 10) || ' 00:00:00', dimension, value, is_bot, is_head;
                """);

            migrationBuilder.DropTable(
                name: "scan_rollups");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_dimension_days");

            migrationBuilder.DropTable(
                name: "scan_dimension_hours");

            migrationBuilder.DropTable(
                name: "scan_hours");

            migrationBuilder.DropColumn(
                name: "previous_first_hour",
                table: "scan_visitors");

            migrationBuilder.CreateTable(
                name: "scan_rollups",
                columns: table => new
                {
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    device_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    os = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    browser = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    referrer_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_head = table.Column<bool>(type: "INTEGER", nullable: false),
                    scans = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_rollups", x => new { x.qr_code_id, x.hour, x.country, x.region, x.city, x.device_type, x.os, x.browser, x.referrer_host, x.is_bot, x.is_head });
                });
        }
    }
}
