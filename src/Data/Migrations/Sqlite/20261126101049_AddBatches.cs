using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "batches",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    total_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_done = table.Column<int>(type: "INTEGER", nullable: false),
                    rows_failed = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    blob_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batches", x => x.id);
                    table.ForeignKey(
                        name: "FK_batches_accounts_owner_id",
                        column: x => x.owner_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "batch_rows",
                columns: table => new
                {
                    batch_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    spec = table.Column<string>(type: "TEXT", nullable: false),
                    qr_code_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_rows", x => new { x.batch_id, x.line });
                    table.ForeignKey(
                        name: "FK_batch_rows_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_batches_owner_id_created_at_id",
                table: "batches",
                columns: new[] { "owner_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_batches_status_created_at",
                table: "batches",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "batch_rows");

            migrationBuilder.DropTable(
                name: "batches");
        }
    }
}
