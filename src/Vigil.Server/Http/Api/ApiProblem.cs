namespace Vigil.Server.Http.Api;

/// <summary>The problem+json answers of the API: a status, a stable code (also in <c>type</c> and the <c>code</c> member) and a detail for a person.</summary>
public static class ApiProblem
{
    /// <summary>A problem+json result.</summary>
    public static IResult Of(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: code, detail: detail, type: $"urn:vigil:problem:{code}", extensions: new Dictionary<string, object?> { ["code"] = code });
}
