using Microsoft.EntityFrameworkCore;
using UnionPlatform.Documents;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Api;

/// <summary>A hardship file's documents: the signed consent form, income proofs, survey photos (the shared document store).</summary>
public static class FileDocumentsApi
{
    public static readonly DocumentRules<HardshipDbContext, HardshipFile> Rules = new()
    {
        OwnerType = HardshipDocuments.OwnerType,
        What = FileRequest.What,
        Kinds = HardshipDocuments.Kinds,
        Find = (db, id, ct) => db.Files.FirstOrDefaultAsync(f => f.Id == id, ct),
        DistrictOf = f => f.DistrictId,
        EnsureMayAttach = (f, kind) => f.EnsureMayTakeDocument(kind),
        Attached = (f, document) => f.AttachDocument(document.Kind, document.Id),
    };
}
