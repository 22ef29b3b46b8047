using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Vigil.Server.Gateway;

/// <summary>
/// Kestrel connection middleware in front of the MQTT handler: it reads each MQTT packet's fixed
/// header (type byte, then the remaining length as a variable byte integer, MQTT 5 §1.5.5) and
/// closes the connection as soon as a packet announces more than the limit, before a byte of its
/// body is buffered. Without it a client could announce a 256 MB packet and make the broker
/// allocate for it (T14, T15). Bytes are passed on unchanged otherwise.
/// </summary>
/// <remarks>
/// A connection that ends inside a packet (its length announced, its body cut short) is ended
/// with an error for the broker, never as a clean end of stream: MQTTnet's reader, handed a
/// completed stream with an incomplete packet in it, reads the same bytes again at once, for ever,
/// holding a thread-pool thread at full CPU until its communication timeout, so a few such
/// connections stalled the whole pool and every honest device's acknowledgement with it.
/// </remarks>
internal static class MqttPacketSizeGuard
{
    /// <summary>The middleware, raising <paramref name="onViolation"/> with the announced size before closing.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Create(int maxPacketBytes, Action<ConnectionContext, long> onViolation) =>
        Create(maxPacketBytes, onViolation, null, null, null);

    /// <summary>
    /// The middleware, with <paramref name="before"/> awaited before the broker sees the connection,
    /// <paramref name="onForbidden"/> told of a packet whose type byte MQTT 5 forbids (the connection
    /// is then closed) and <paramref name="ended"/> told when the connection is over.
    /// </summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Create(
        int maxPacketBytes, Action<ConnectionContext, long> onViolation, Func<ConnectionContext, Task>? before, Action<ConnectionContext, byte>? onForbidden,
        Action<ConnectionContext>? ended) => next => async context =>
    {
        if (before is not null)
        {
            await before(context);
        }

        try
        {
            await GuardAsync(next, context, maxPacketBytes, onViolation, onForbidden);
        }
        finally
        {
            ended?.Invoke(context);
        }
    };

    private static async Task GuardAsync(
        ConnectionDelegate next, ConnectionContext context, int maxPacketBytes, Action<ConnectionContext, long> onViolation, Action<ConnectionContext, byte>? onForbidden)
    {
        var original = context.Transport;
        var guarded = new Pipe();
        context.Transport = new GuardedTransport(guarded.Reader, original.Output);
        var pump = PumpAsync(
            original.Input,
            guarded.Writer,
            maxPacketBytes,
            size =>
            {
                onViolation(context, size);
                context.Abort(new ConnectionAbortedException($"MQTT packet of {size} bytes exceeds {maxPacketBytes}"));
            },
            first =>
            {
                onForbidden?.Invoke(context, first);
                context.Abort(new ConnectionAbortedException($"an MQTT packet may not begin with 0x{first:X2}"));
            });
        try
        {
            await next(context);
        }
        finally
        {
            original.Input.CancelPendingRead();
            await pump;
            context.Transport = original;
        }
    }

    private static async Task PumpAsync(PipeReader input, PipeWriter output, int max, Action<long> violation, Action<byte> forbidden)
    {
        var scanner = new MqttFixedHeaderScanner(max);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    if (scanner.Scan(segment.Span) is { } oversized)
                    {
                        if (scanner.ForbiddenTypeByte is { } first)
                        {
                            forbidden(first);
                            await output.CompleteAsync(new ConnectionAbortedException($"an MQTT packet may not begin with 0x{first:X2}"));
                            return;
                        }

                        violation(oversized);
                        await output.CompleteAsync(new ConnectionAbortedException($"MQTT packet of {oversized} bytes exceeds {max}"));
                        return;
                    }

                    await output.WriteAsync(segment);
                }

                input.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            if (!scanner.AtBoundary)
            {
                await output.CompleteAsync(new ConnectionAbortedException("the connection ended inside an MQTT packet"));
                return;
            }

            await output.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
            await output.CompleteAsync(e);
        }
    }

    private sealed class GuardedTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
