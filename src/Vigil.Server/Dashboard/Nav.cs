namespace Vigil.Server.Dashboard;

/// <summary>Helpers of the console's layout.</summary>
internal static class Nav
{
    /// <summary><c>page</c> for the link of the current section (its <c>aria-current</c>), else null (no attribute).</summary>
    public static string? Current(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(path) ? "page" : null;
    }
}
