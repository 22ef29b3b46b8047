using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Platform.Audit;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>The ledger's signed checkpoints, and a "verify now" that audits the whole record against them.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
public sealed class LedgerModel(RecordStore record, RecordAuditing audit) : PageModel
{
    /// <summary>The ledger's size.</summary>
    public long Size { get; private set; }

    /// <summary>Its root, base64.</summary>
    public string Root { get; private set; } = string.Empty;

    /// <summary>The latest checkpoints.</summary>
    public IReadOnlyList<StoredCheckpoint> Checkpoints { get; private set; } = [];

    /// <summary>The audit just run.</summary>
    public AuditReport? Report { get; private set; }

    /// <summary>How long it took.</summary>
    public double Seconds { get; private set; }

    /// <summary>Shows the ledger.</summary>
    public void OnGet()
    {
        var (size, root) = record.Ledger.Head();
        (Size, Root) = (size, Convert.ToBase64String(root));
        Checkpoints = [.. record.Ledger.Checkpoints().TakeLast(20).Reverse()];
    }

    /// <summary>Audits the record now.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        (Report, var took) = await audit.RunAsync(cancellationToken);
        Seconds = took.TotalSeconds;
        OnGet();
        return Page();
    }
}
