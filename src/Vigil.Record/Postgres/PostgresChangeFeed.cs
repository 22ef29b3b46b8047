using System.Data.Common;
using System.Text;
using Npgsql;
using Vigil.Record.Changes;

namespace Vigil.Record.Postgres;

/// <summary>
/// Change notifications through PostgreSQL. A store's transaction sends <c>NOTIFY</c> on
/// <see cref="Channel"/> before it commits, so that the notification is delivered exactly when
/// the change commits, and never for a change rolled back. Each process that subscribes holds one
/// connection of its own (not pooled, named <see cref="ApplicationName"/> in
/// <c>pg_stat_activity</c>) that <c>LISTEN</c>s and waits. When that connection is lost it is
/// opened again, on the timing of <see cref="ChangeListening"/>, and every (re)connection tells
/// its subscribers <see cref="RecordChange.Registry"/>, since what was sent while it was away is
/// gone. A connection that goes silent (a network that drops packets without a reset) is found
/// by a query after a while without a notification.
/// </summary>
internal sealed class PostgresChangeFeed(string connectionString, TimeProvider time) : RecordChangeFeed
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "vigil_record_changes";

    /// <summary>The listening connection's application name.</summary>
    public const string ApplicationName = "vigil record changes";

    private readonly CancellationTokenSource _stop = new();
    private Task _listening = Task.CompletedTask;

    /// <inheritdoc />
    public override string Description => $"PostgreSQL LISTEN {Channel}";

    /// <inheritdoc />
    public override async Task CommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<RecordChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > 0)
        {
            await using var notify = new NpgsqlCommand(
                "SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload;", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payloads", changes.Select(c => c.Payload).Distinct(StringComparer.Ordinal).ToArray());
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override void StartListening() => _listening = Task.Run(() => ListenAsync(_stop.Token));

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _listening;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var listener = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName }.ConnectionString;
        var retry = ChangeListening.FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listener);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == Channel)
                    {
                        Receive(Encoding.UTF8.GetBytes(e.Payload));
                    }
                };
                await connection.OpenAsync(stop);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                retry = ChangeListening.FirstRetry;
                Deliver(RecordChange.Registry);
                while (true)
                {
                    if (!await connection.WaitAsync(ChangeListening.HealthInterval, stop))
                    {
                        await using var check = new NpgsqlCommand("SELECT 1;", connection) { CommandTimeout = (int)ChangeListening.HealthTimeout.TotalSeconds };
                        await check.ExecuteScalarAsync(stop);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connection is gone or would not open (the server restarted, the backend was
                // ended, the network failed): whatever the cause, try again after a while.
                Interrupt($"the listening connection failed ({e.GetType().Name}: {e.Message}); opening it again in {retry.TotalMilliseconds:F0} ms");
                try
                {
                    await Task.Delay(retry, time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = retry * 2 < ChangeListening.LongestRetry ? retry * 2 : ChangeListening.LongestRetry;
            }
        }
    }
}
