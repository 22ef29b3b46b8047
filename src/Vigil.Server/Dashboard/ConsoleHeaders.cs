namespace Vigil.Server.Dashboard;

/// <summary>
/// Response headers that keep the console's pages to themselves: scripts, styles and connections
/// from this origin only (no inline script), no framing, no referrer, no caching of patient data,
/// and HTTPS only.
/// </summary>
internal static class ConsoleHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Adds the headers to every response.</summary>
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.StrictTransportSecurity = "max-age=31536000";
        if (!context.Request.Path.StartsWithSegments("/console"))
        {
            // As the anti-forgery system writes it, so that it need not override (and warn).
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }

        return next();
    }
}
