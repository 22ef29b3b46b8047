using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Platform.Audit;
using Vigil.Platform.Queries;
using Vigil.Record.Ledger;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>The ledger's signed checkpoints, and a "verify now" that audits the whole record against them.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
internal sealed class LedgerModel(LedgerViews ledger, RecordAuditing audit) : PageModel
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
    public async Task OnGetAsync()
    {
        var (size, root) = await ledger.HeadAsync();
        (Size, Root) = (size, Convert.ToBase64String(root));
        Checkpoints = await ledger.LatestCheckpointsAsync(20);
    }

    /// <summary>Audits the record now.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        (Report, var took) = await audit.RunAsync(cancellationToken);
        Seconds = took.TotalSeconds;
        await OnGetAsync();
        return Page();
    }
}
