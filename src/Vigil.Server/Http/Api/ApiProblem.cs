using Vigil.Platform.UseCases;

namespace Vigil.Server.Http.Api;

/// <summary>The problem+json answers of the API: a status, a stable code (also in <c>type</c> and the <c>code</c> member) and a detail for a person.</summary>
internal static class ApiProblem
{
    /// <summary>A problem+json result.</summary>
    public static IResult Of(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: code, detail: detail, type: $"urn:vigil:problem:{code}", extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A use case's refusal as problem+json: 400 for what is not well formed, 404 for what is not found, 409 for what may not be done; its code and message.</summary>
    public static IResult Of(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Of(StatusOf(refusal.Kind), refusal.Code, refusal.Message);
    }

    /// <summary>The status of a kind of refusal.</summary>
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };
}
