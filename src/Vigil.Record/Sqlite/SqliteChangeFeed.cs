using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Vigil.Record.Changes;

namespace Vigil.Record.Sqlite;

/// <summary>
/// Change notifications of the SQLite record, whose writers are processes on one machine (the
/// server, and the CLI beside it). Once a transaction has committed, its changes are told at once
/// to the subscribers of this record in this process, and sent as one datagram each to the
/// record's Unix socket (<see cref="ChangeSocketPath"/>), where the process that subscribed first
/// listens; a process does not send to the socket it listens on. Sending never waits: with no
/// listener, or one whose queue is full, a datagram is dropped. Nothing is lost by that: a server
/// that starts reads the record afresh, and a full queue means notifications are waiting that make
/// the listener read the record after this commit anyway.
/// </summary>
internal sealed class SqliteChangeFeed(string recordPath, TimeProvider time) : RecordChangeFeed
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan ReceiveRetry = TimeSpan.FromMilliseconds(100);
    private readonly string _recordPath = Path.GetFullPath(recordPath);
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private string? _socketPath;
    private Task _receiving = Task.CompletedTask;

    /// <inheritdoc />
    public override string Description => _socketPath is { } path ? $"socket {path}" : "this process only";

    /// <inheritdoc />
    public override async Task CommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(changes);
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes)
        {
            Deliver(change);
        }

        if (changes.Count > 0 && _listener is null && ChangeSocketPath.Named(_recordPath) is { } target)
        {
            Send(target, changes);
        }
    }

    /// <inheritdoc />
    protected override void StartListening()
    {
        if (OperatingSystem.IsWindows())
        {
            Interrupt("no change socket on Windows; only this process's own changes are heard");
            return;
        }

        string? folder = null;
        try
        {
            if (ChangeSocketPath.Named(_recordPath) is { } named && !Gone(named))
            {
                Interrupt($"another process listens for this record's changes at {named}; only this process's own changes are heard");
                return;
            }

            folder = ChangeSocketPath.NewRuntimeFolder();
            var path = Path.Combine(folder, ChangeSocketPath.SocketName);
            if (!ChangeSocketPath.Fits(path))
            {
                throw new IOException($"the socket path {path} is longer than {ChangeSocketPath.MaxPathBytes} bytes");
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, OwnerOnly);
            _socketPath = path;
            _listener = socket;
            WritePointer(path);
            _receiving = Task.Run(() => ReceiveAsync(socket, _stop.Token));
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            _listener?.Dispose();
            _listener = null;
            _socketPath = null;
            if (folder is not null)
            {
                TryDelete(Path.Combine(folder, ChangeSocketPath.SocketName));
                TryDelete(folder);
            }

            Interrupt($"the change socket could not be opened ({e.Message}); only this process's own changes are heard");
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        await _receiving;
        if (_socketPath is { } path)
        {
            if (ChangeSocketPath.Named(_recordPath) == path)
            {
                TryDelete(ChangeSocketPath.Pointer(_recordPath));
            }

            TryDelete(path);
            TryDelete(Path.GetDirectoryName(path)!);
        }

        _stop.Dispose();
    }

    // Whether nobody listens on a socket any more (its process is gone); if so, what it left is removed.
    private static bool Gone(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return false;
        }
        catch (SocketException)
        {
            TryDelete(path);
            if (Path.GetFileName(path) == ChangeSocketPath.SocketName && Path.GetDirectoryName(path) is { } folder)
            {
                TryDelete(folder);
            }

            return true;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void WritePointer(string socketPath)
    {
        var pointer = ChangeSocketPath.Pointer(_recordPath);
        var written = pointer + ".new";
        using (var file = new FileStream(written, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
            file.Write(Encoding.UTF8.GetBytes(socketPath));
        }

        File.Move(written, pointer, overwrite: true);
    }

    private async Task ReceiveAsync(Socket socket, CancellationToken stop)
    {
        var buffer = new byte[RecordChange.MaxPayloadBytes * 4];
        while (!stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveAsync(buffer, SocketFlags.None, stop);
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                Receive(RecordChangeParse.Fail("too-long", $"a datagram of more than {buffer.Length} bytes; the limit is {RecordChange.MaxPayloadBytes}"));
                continue;
            }
            catch (SocketException e)
            {
                Interrupt($"the change socket failed ({e.Message}); listening again in {ReceiveRetry.TotalMilliseconds:F0} ms");
                try
                {
                    await Task.Delay(ReceiveRetry, time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Receive(buffer.AsSpan(0, received));
        }
    }

    private static void Send(string target, IReadOnlyCollection<RecordChange> changes)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
            var endpoint = new UnixDomainSocketEndPoint(target);
            foreach (var change in changes)
            {
                socket.SendTo(Encoding.UTF8.GetBytes(change.Payload), endpoint);
            }
        }
        catch (SocketException)
        {
            // Nobody listens there (no server runs, or it is gone), or its queue is full.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
