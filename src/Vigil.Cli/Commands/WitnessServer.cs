using System.Net;
using System.Text;
using Spectre.Console;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Record.Witness;

namespace Vigil.Cli.Commands;

/// <summary>
/// The HTTP side of <c>vigil witness serve</c>: <c>POST /add-checkpoint</c> (bodies up to
/// <see cref="MaxBodyBytes"/>) and <c>GET /ORIGIN-HASH/checkpoint</c>, the tlog-witness
/// monitoring path. Every refusal is a line on the console; a fork or a shrink an ALARM line.
/// </summary>
internal static class WitnessServer
{
    /// <summary>The largest add-checkpoint body: 63 proof lines and a checkpoint with a few signatures fit many times over.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<int> RunAsync(CliContext context, LogWitness witness, IReadOnlyList<WitnessedLog> logs, string listen, int port, CancellationToken cancellation)
    {
        if (!IPAddress.TryParse(listen, out var address))
        {
            return context.Fail($"--listen must be an IP address, not '{listen}'.", 2);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, port);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        await using var app = builder.Build();
        var gate = new Lock();
        app.MapPost("/add-checkpoint", async (HttpContext http) =>
        {
            string body;
            try
            {
                body = await ReadAsync(http.Request.Body, http.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                return Answer(context, gate, WitnessReply.Refuse(413, e.Message));
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
            {
                return Answer(context, gate, WitnessReply.Refuse(e.StatusCode, e.Message));
            }

            return Answer(context, gate, witness.AddCheckpoint(body));
        });
        var state = new WitnessState(witness.StateDirectory);
        app.MapGet("/{originHash}/checkpoint", (string originHash) =>
            logs.FirstOrDefault(l => WitnessState.OriginHash(l.Origin) == originHash) is { } log && state.Read(log.Origin) is { } head
                ? Results.Text(head.Note, "text/plain; charset=utf-8")
                : Results.Text("no checkpoint cosigned for that origin\n", "text/plain; charset=utf-8", statusCode: 404));
        await app.StartAsync(cancellation);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context.Console.WriteLine($"witness listening on {bound} for {string.Join(", ", logs.Select(l => l.Origin))}");
        await app.WaitForShutdownAsync(cancellation);
        return 0;
    }

    private static IResult Answer(CliContext context, Lock gate, WitnessReply reply)
    {
        lock (gate)
        {
            if (reply.Alarm is { } alarm)
            {
                context.Console.WriteLine($"ALARM {alarm}");
            }

            if (reply.Status != 200)
            {
                context.Console.WriteLine($"refused {reply.Status}: {reply.Body.Trim()}");
            }
        }

        return Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);
    }

    private static async Task<string> ReadAsync(Stream body, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException($"the body is larger than {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
