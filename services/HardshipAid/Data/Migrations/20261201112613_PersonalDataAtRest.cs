using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.HardshipAid.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "essential_costs",
                table: "hardship_files",
                type: "text",
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(14,2)",
                oldPrecision: 14,
                oldScale: 2);

            migrationBuilder.AlterColumn<string>(
                name: "closing_reason",
                table: "hardship_files",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(550)",
                oldMaxLength: 550,
                oldNullable: true);

            // Causes become the JSON the converter writes (["Illness"]); PersonalDataBackfill then encrypts every
            // row written before this migration, right after the migrations and before anything is served.
            migrationBuilder.Sql("ALTER TABLE hardship_files ALTER COLUMN causes TYPE text USING array_to_json(causes)::text");

            migrationBuilder.AlterColumn<string>(
                name: "annual_income",
                table: "hardship_files",
                type: "text",
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(14,2)",
                oldPrecision: 14,
                oldScale: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // The columns hold ciphertext: SQL cannot turn them back into plain values (and should not).
            throw new NotSupportedException("PersonalDataAtRest cannot be reverted.");
    }
}
