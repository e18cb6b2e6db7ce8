using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.HardshipAid.Data.Migrations
{
    /// <inheritdoc />
    public partial class AllowanceAppliedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "applied_at",
                table: "minimum_living_allowances",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "minimum_living_allowances");
        }
    }
}
