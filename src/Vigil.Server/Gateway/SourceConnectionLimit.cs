using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Vigil.Server.Gateway;

/// <summary>
/// Kestrel connection middleware that holds each remote address to a number of concurrent
/// connections, closing the excess before the TLS handshake costs anything (T14).
/// </summary>
internal sealed class SourceConnectionLimit(int maxPerSource, Action<IPAddress, int> onRefused)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>The middleware.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async context =>
    {
        var address = (context.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        var count = _open.AddOrUpdate(address, 1, (_, n) => n + 1);
        try
        {
            if (count > maxPerSource)
            {
                onRefused(address, count);
                context.Abort(new ConnectionAbortedException("too many connections from this address"));
                return;
            }

            await next(context);
        }
        finally
        {
            _open.AddOrUpdate(address, 0, (_, n) => Math.Max(0, n - 1));
        }
    };
}
