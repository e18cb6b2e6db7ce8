using System.Security.Cryptography;
using UnionPlatform.Documents;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.HardshipAid.Data;

/// <summary>
/// The demo city's stand-in for a household's signed consent form: a one-page PDF that says it is a placeholder, so
/// seeded files obey the rule that a filed file holds its consent document (and the portal has something to show).
/// </summary>
public static class DemoConsentForm
{
    private static readonly Guid Namespace = new("5eedc0a5-e17e-4d0c-9a3b-000000000001");
    public const string FileName = "demo-consent-form.pdf";
    public static readonly byte[] Pdf = PlaceholderPdf.Create("UnionPlatform demo city: signed consent to the income check (placeholder).");
    private static readonly byte[] Hash = SHA256.HashData(Pdf);

    /// <summary>The seeded file's consent document (its id follows from the file's).</summary>
    public static StoredDocument For(Guid fileId, DateTimeOffset uploadedAt) => StoredDocument.Create(
        NameBasedGuid.Create(Namespace, fileId.ToString()), new DocumentOwner(HardshipDocuments.OwnerType, fileId), HardshipDocuments.Consent,
        FileName, DocumentLimits.Pdf, Pdf.Length, Hash, uploadedAt, uploadedBy: null);
}
