using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnionPlatform.HardshipAid.Data.Migrations
{
    /// <inheritdoc />
    public partial class FileDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "consent_document_id",
                table: "hardship_files",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    media_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                    table.UniqueConstraint("ak_documents_id_owner_id", x => new { x.id, x.owner_id });
                    table.CheckConstraint("ck_documents_sha256", "octet_length(sha256) = 32");
                    table.CheckConstraint("ck_documents_size", "size > 0");
                });

            migrationBuilder.CreateTable(
                name: "document_chunks",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_chunks", x => new { x.document_id, x.number });
                    table.CheckConstraint("ck_document_chunks_number", "number >= 0");
                    table.ForeignKey(
                        name: "fk_document_chunks_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_consent_document_id_id",
                table: "hardship_files",
                columns: new[] { "consent_document_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_documents_owner_content",
                table: "documents",
                columns: new[] { "owner_type", "owner_id", "sha256" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_hardship_files_documents_consent_document_id_id",
                table: "hardship_files",
                columns: new[] { "consent_document_id", "id" },
                principalTable: "documents",
                principalColumns: new[] { "id", "owner_id" },
                onDelete: ReferentialAction.Restrict);

            // A file steps into Filed only with its signed consent form (the domain checks it too; this holds for any
            // writer). Rows filed before documents were kept are left as they were: only the step is checked.
            migrationBuilder.Sql("""
                CREATE FUNCTION hardship_files_filed_with_consent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.filed_on IS NOT NULL AND NEW.consent_document_id IS NULL
                     AND (TG_OP = 'INSERT' OR OLD.filed_on IS DISTINCT FROM NEW.filed_on) THEN
                    RAISE EXCEPTION 'a hardship file is filed only with its consent document'
                      USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_hardship_files_filed_with_consent';
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER hardship_files_filed_with_consent BEFORE INSERT OR UPDATE OF filed_on, consent_document_id ON hardship_files
                  FOR EACH ROW EXECUTE FUNCTION hardship_files_filed_with_consent();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER hardship_files_filed_with_consent ON hardship_files;
                DROP FUNCTION hardship_files_filed_with_consent();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_hardship_files_documents_consent_document_id_id",
                table: "hardship_files");

            migrationBuilder.DropTable(
                name: "document_chunks");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropIndex(
                name: "ix_hardship_files_consent_document_id_id",
                table: "hardship_files");

            migrationBuilder.DropColumn(
                name: "consent_document_id",
                table: "hardship_files");
        }
    }
}
