using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrAspire.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WebhookRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_webhook_events_created_at",
                table: "webhook_events",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_created_at",
                table: "webhook_deliveries",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_events_created_at",
                table: "webhook_events");

            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_created_at",
                table: "webhook_deliveries");
        }
    }
}
