using System.Data.Common;
using Vigil.Domain.Access;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;

namespace Vigil.Record.Storage;

/// <summary>
/// Commands and readers in the dialect both databases share: named parameters written
/// <c>@name</c>, integers read by width, blobs as byte arrays.
/// </summary>
internal static class Sql
{
    /// <summary>A command on a connection (in a transaction, if given) with its parameters.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Command(connection, null, sql, parameters);

    /// <summary>A command in a transaction with its parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Bound(value);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Sets a reused command's parameters, in order.</summary>
    public static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = Bound(values[i]);
        }
    }

    // An id is stored as its text, as it was before it had a type; neither database driver
    // knows the id types, so one passed as a parameter must not reach it boxed.
    private static object Bound(object? value) => value switch
    {
        null => DBNull.Value,
        PatientId patient => patient.Value,
        RelayId relay => relay.Value,
        UserId user => user.Value,
        DeviceId device => device.Value,
        _ => value,
    };

    /// <summary>Runs a command and returns how many rows it changed.</summary>
    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public static List<T> Query<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs a command and returns how many rows it changed.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A scalar result as a 64-bit integer.</summary>
    public static async Task<long> ScalarLongAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A 64-bit integer column (a time in Unix milliseconds, an id, a count).</summary>
    /// <remarks>Both providers read any integer column as 64 bits (Npgsql widens <c>integer</c>).</remarks>
    public static long Long(this DbDataReader reader, int ordinal) => reader.GetInt64(ordinal);

    /// <summary>A 32-bit integer column (declared <c>integer</c> on PostgreSQL).</summary>
    public static int Int(this DbDataReader reader, int ordinal) => reader.GetInt32(ordinal);

    /// <summary>A blob column.</summary>
    public static byte[] Bytes(this DbDataReader reader, int ordinal) => (byte[])reader.GetValue(ordinal);

    /// <summary>A text column that may be null.</summary>
    public static string? TextOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A Unix-millisecond time column.</summary>
    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(ordinal));

    /// <summary>A sequence number: 64-bit unsigned on the wire, stored in a signed column by bit pattern.</summary>
    public static ulong Sequence(this DbDataReader reader, int ordinal) => unchecked((ulong)reader.Long(ordinal));

    /// <summary>The stored form of a sequence number.</summary>
    public static long Stored(ulong sequence) => unchecked((long)sequence);

    /// <summary>The stored form of a time.</summary>
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>A scalar result as a 64-bit integer.</summary>
    public static long ScalarLong(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
