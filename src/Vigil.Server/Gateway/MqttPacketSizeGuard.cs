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
public static class MqttPacketSizeGuard
{
    /// <summary>The middleware, raising <paramref name="onViolation"/> with the announced size before closing.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Create(int maxPacketBytes, Action<ConnectionContext, long> onViolation) => next => async context =>
    {
        var original = context.Transport;
        var guarded = new Pipe();
        context.Transport = new GuardedTransport(guarded.Reader, original.Output);
        var pump = PumpAsync(original.Input, guarded.Writer, maxPacketBytes, size =>
        {
            onViolation(context, size);
            context.Abort(new ConnectionAbortedException($"MQTT packet of {size} bytes exceeds {maxPacketBytes}"));
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
    };

    private static async Task PumpAsync(PipeReader input, PipeWriter output, int max, Action<long> violation)
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
                        violation(oversized);
                        await output.CompleteAsync();
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
