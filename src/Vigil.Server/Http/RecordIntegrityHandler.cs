using Microsoft.AspNetCore.Diagnostics;
using Vigil.Platform.Security;
using Vigil.Record.Encryption;
using Vigil.Server.Access;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// A sealed field that does not open means the record was edited behind Vigil's back (T17): the
/// request is answered 500 problem+json <c>record-integrity</c> naming the field, never with the
/// data, and a security event tells the security team to run the audit.
/// </summary>
internal sealed class RecordIntegrityHandler(SecurityEventSink events) : IExceptionHandler
{
    /// <summary>The security event code.</summary>
    public const string Code = "record-integrity";

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not RecordIntegrityException integrity)
        {
            return false;
        }

        events.Raise(Code, httpContext.User.UserId(), VigilAuthentication.Source(httpContext), null, $"{integrity.Message} ({httpContext.Request.Method} {httpContext.Request.Path})");
        await ApiProblem.Of(StatusCodes.Status500InternalServerError, Code, $"the record's field '{integrity.Field}' failed its integrity check; the security team has been told")
            .ExecuteAsync(httpContext);
        return true;
    }
}
