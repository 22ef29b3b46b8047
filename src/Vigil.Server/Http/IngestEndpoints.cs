using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;
using Vigil.Protocol;
using Vigil.Server.Gateway;
using Vigil.Server.Http.Api;

namespace Vigil.Server.Http;

/// <summary>
/// HTTPS ingest: <c>POST /api/v1/devices/{id}/batches</c> with <c>application/cose</c>, authenticated
/// by client certificate like MQTT. 202 with the signed receipt (<c>application/cose</c>) once
/// durably stored; every refusal is problem+json with the Vigil code.
/// </summary>
internal static class IngestEndpoints
{
    /// <summary>The media type of sealed batches and receipts.</summary>
    public const string CoseMediaType = "application/cose";

    /// <summary>Maps the ingest endpoints.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/devices/{id}/batches", IngestAsync)
            .WithName("IngestBatch")
            .Produces(StatusCodes.Status202Accepted, contentType: CoseMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> IngestAsync(string id, HttpContext context, IngestGateway gateway, ClientAuthenticator authenticator)
    {
        var source = $"https {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        var (principal, code, detail, refusedDevice) = await authenticator.AuthenticateAsync(certificate, context.RequestAborted);
        if (principal is null)
        {
            return Problem(gateway.Refuse(null, source, refusedDevice, code, detail));
        }

        if (!DeviceId.TryParse(id, out var device))
        {
            return Problem(gateway.Refuse(principal, source, null, Outcomes.TopicInvalid.Code, "the path does not name a valid device id"));
        }

        if (!string.Equals(context.Request.ContentType, CoseMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(gateway.Refuse(principal, source, device, Outcomes.UnsupportedMediaType.Code, $"content type must be {CoseMediaType}"));
        }

        var body = await ReadBoundedAsync(context.Request.Body, gateway.MaxMessageBytes, context.RequestAborted);
        if (body is null)
        {
            return Problem(gateway.Refuse(principal, source, device, Outcomes.Oversized.Code, $"the body exceeds the limit of {gateway.MaxMessageBytes} bytes"));
        }

        var result = await gateway.SubmitAsync(principal, source, device, body);
        if (!result.IsAcknowledged)
        {
            return Problem(result);
        }

        context.Response.Headers["Vigil-Code"] = result.Code;
        context.Response.Headers["Vigil-Sequence"] = result.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = Status(result.Code);
        context.Response.ContentType = CoseMediaType;
        await context.Response.Body.WriteAsync(result.Receipt, context.RequestAborted);
        return Results.Empty;
    }

    private static IResult Problem(IngestResult result) => ApiProblem.Of(Status(result.Code), result.Code, result.Detail);

    /// <summary>The HTTP status of an ingest outcome (<see cref="Outcome.HttpStatus"/>); 403 for a code without one.</summary>
    public static int Status(string code) => Outcomes.Find(code)?.HttpStatus ?? StatusCodes.Status403Forbidden;

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
