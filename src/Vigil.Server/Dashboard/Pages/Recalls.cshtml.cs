using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Devices;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Recalls: create one, and see what each matched.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
internal sealed class RecallsModel(SecurityViews security, RecallService recalls, TimeProvider time) : PageModel
{
    /// <summary>The model recalled.</summary>
    [BindProperty]
    public string? Model { get; set; }

    /// <summary>Lots, comma-separated.</summary>
    [BindProperty]
    public string? Lots { get; set; }

    /// <summary>Serials, comma-separated.</summary>
    [BindProperty]
    public string? Serials { get; set; }

    /// <summary>Firmware versions, comma-separated.</summary>
    [BindProperty]
    public string? Firmware { get; set; }

    /// <summary>From when, in the browser's local time.</summary>
    [BindProperty]
    public DateTime? Since { get; set; }

    /// <summary>The browser's offset from UTC in minutes, as JavaScript gives it (UTC minus local); none: UTC.</summary>
    [BindProperty]
    public int? TimezoneOffset { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The recalls.</summary>
    public IReadOnlyList<Recall> Recalls { get; private set; } = [];

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>The devices each recall flagged, by the flag's reference (<c>recall N</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Flagged { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Shows the recalls and what they flagged.</summary>
    public async Task OnGetAsync()
    {
        Recalls = await security.RecallsAsync();
        Flagged = await security.FlaggedAsync();
    }

    /// <summary>Creates a recall.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Model?.Trim() is not { Length: > 0 } model || Since is not { } since || Reason?.Trim() is not { Length: > 0 } reason)
        {
            (Message, MessageIsError) = ("A recall needs a model, a start date and a reason.", true);
        }
        else
        {
            var recall = await recalls.CreateAsync(
                new Recall(0, model, Split(Lots), Split(Serials), Split(Firmware), new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc)).AddMinutes(TimezoneOffset ?? 0), reason, time.GetUtcNow()),
                User.UserId());
            (Message, MessageIsError) = ($"Recall {recall.Id} flagged {recall.Devices} device(s) and {recall.Readings} reading(s).", false);
        }

        await OnGetAsync();
        return Page();
    }

    private static string[] Split(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
