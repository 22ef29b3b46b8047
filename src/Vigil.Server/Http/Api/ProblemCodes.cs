using Vigil.Protocol;

namespace Vigil.Server.Http.Api;

/// <summary>
/// Every problem+json the server writes carries a stable <c>code</c> (docs/access.md, "Errors"):
/// Vigil's own problems name theirs (<see cref="ApiProblem"/>); the framework's (an unknown route,
/// a method the route does not take, a body it cannot bind, an unhandled failure) get the code of
/// their status here: for 415 and 429, the ingest outcome of the same name (<see cref="Outcomes"/>).
/// </summary>
internal static class ProblemCodes
{
    /// <summary>The code of a status, for problems that name none.</summary>
    public static string Of(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status406NotAcceptable => "not-acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "too-large",
        StatusCodes.Status415UnsupportedMediaType => Outcomes.UnsupportedMediaType.Code,
        StatusCodes.Status429TooManyRequests => Outcomes.RateLimited.Code,
        StatusCodes.Status500InternalServerError => "internal-error",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => $"http-{status}",
    };

    /// <summary>Gives a problem that names no code the code of its status (and the matching type).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = Of(problem.Status ?? context.HttpContext.Response.StatusCode);
        problem.Extensions["code"] = code;
        problem.Type = $"urn:vigil:problem:{code}";
    }
}
