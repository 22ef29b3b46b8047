using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Domain.Access;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard.Pages;

/// <summary>Break-glass grants waiting for review; reviewing shows the typed reason, which is recorded as an access first.</summary>
[Authorize(Policy = VigilAuthentication.Analysts)]
internal sealed class ReviewsModel(SecurityViews security, BreakGlassReview review) : PageModel
{
    /// <summary>Whether reviewed grants are shown too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    /// <summary>The grant reviewed.</summary>
    [BindProperty]
    public long GrantId { get; set; }

    /// <summary>The conclusion.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The grants.</summary>
    public IReadOnlyList<BreakGlassGrant> Grants { get; private set; } = [];

    /// <summary>What the last action said.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was a refusal.</summary>
    public bool MessageIsError { get; private set; }

    /// <summary>Shows the grants (without their reasons).</summary>
    public async Task OnGetAsync() => Grants = await security.BreakGlassAsync(unreviewedOnly: !All);

    /// <summary>Records a review, showing the reason.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (Note?.Trim() is not { Length: > 0 } note || await review.ReviewAsync(GrantId, note, User.Actor(HttpContext), HttpContext.RequestAborted) is not { Value: { } grant } reviewed)
        {
            (Message, MessageIsError) = ("Choose a grant and write a conclusion.", true);
        }
        else
        {
            (Message, MessageIsError) = reviewed.IsDone
                ? ($"Grant {grant.Id}: {grant.UserId} opened patient {grant.PatientId} because \"{grant.Reason}\". Review recorded.", false)
                : ($"Grant {grant.Id} was reviewed already.", true);
        }

        await OnGetAsync();
        return Page();
    }
}
