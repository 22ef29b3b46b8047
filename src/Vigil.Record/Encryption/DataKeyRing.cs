using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Vigil.Identity.Keys;
using Vigil.Record.Storage;

namespace Vigil.Record.Encryption;

/// <summary>
/// The record's data keys (envelope encryption): one AES-256 key per patient, and one for data
/// that belongs to no patient yet, each stored only wrapped by the active key-encryption key of the
/// key store (<c>data_keys</c>). A data key is unwrapped once per process and kept in memory.
/// Rotation rewraps every data key under a new key-encryption key without touching the data
/// they encrypt, then retires the old one.
/// </summary>
public sealed class DataKeyRing
{
    /// <summary>The scope of data that belongs to no patient (readings of an unbound device).</summary>
    public const string UnassignedScope = "unassigned";

    private const string KekPrefix = "kek-";
    private readonly RecordDatabase _database;
    private readonly IKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the ring over a record and the key store holding its key-encryption keys.</summary>
    public DataKeyRing(RecordDatabase database, IKeyStore keys, TimeProvider time)
    {
        _database = database;
        _keys = keys;
        _time = time;
    }

    /// <summary>The key store's description.</summary>
    public string KeyStore => _keys.Description;

    /// <summary>The data-key scope of a patient's data (<see cref="UnassignedScope"/> for none).</summary>
    public static string ScopeOf(string? patientId) => patientId is null ? UnassignedScope : "patient:" + patientId;

    /// <summary>
    /// Makes sure the record has an active key-encryption key and that the key store holds it;
    /// a new record gets <c>kek-1</c>, created in the key store if missing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key store lacks the key the record's data keys are wrapped by.</exception>
    public void EnsureActiveKek()
    {
        var active = ActiveKek();
        if (active is null)
        {
            active = KekPrefix + "1";
            if (!_keys.Contains(active))
            {
                _keys.CreateWrappingKey(active);
            }

            using var connection = _database.Open();
            Sql.Execute(connection, null, "INSERT INTO kek_state (id, active) VALUES (1, @k) ON CONFLICT DO NOTHING;", ("@k", active));
            active = ActiveKek()!;
        }

        if (!_keys.Contains(active))
        {
            throw new InvalidOperationException(
                $"The record's data keys are wrapped by the key-encryption key '{active}', which this key store ({_keys.Description}) does not hold.");
        }
    }

    /// <summary>The name of the key-encryption key new data keys are wrapped by, or null before the first.</summary>
    public string? ActiveKek()
    {
        using var connection = _database.Open();
        using var command = Sql.Command(connection, "SELECT active FROM kek_state WHERE id = 1;");
        return command.ExecuteScalar() as string;
    }

    /// <summary>How many data keys the record holds.</summary>
    public long Count()
    {
        using var connection = _database.Open();
        return Sql.ScalarLong(connection, null, "SELECT count(*) FROM data_keys;");
    }

    /// <summary>The data key of a scope, created (and stored wrapped) on first use.</summary>
    public byte[] KeyFor(string scope)
    {
        if (_cache.TryGetValue(scope, out var cached))
        {
            return cached;
        }

        var key = Load(scope) ?? Create(scope);
        return _cache.GetOrAdd(scope, key);
    }

    /// <summary>
    /// Rewraps every data key under a new key-encryption key in one transaction and makes it the
    /// active one; then, unless <paramref name="keepOld"/>, destroys the keys no data key is
    /// wrapped by any more. The data itself is not re-encrypted.
    /// </summary>
    public KekRotation Rotate(bool keepOld = false)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var select = Sql.Command(connection, transaction, "SELECT active FROM kek_state WHERE id = 1" + _database.ForUpdate + ";"))
        {
            if (select.ExecuteScalar() is not string from)
            {
                throw new InvalidOperationException("The record has no key-encryption key yet.");
            }

            var to = Next(from);
            if (!_keys.Contains(to))
            {
                // A rotation that failed before its commit may have left the key behind; it wraps nothing yet.
                _keys.CreateWrappingKey(to);
            }

            var rows = Sql.Query(connection, transaction, "SELECT scope, kek, wrapped FROM data_keys;", r => (Scope: r.GetString(0), Kek: r.GetString(1), Wrapped: r.Bytes(2)));
            using var update = Sql.Command(connection, transaction, "UPDATE data_keys SET kek = @k, wrapped = @w WHERE scope = @s;", ("@k", to), ("@w", null), ("@s", null));
            foreach (var row in rows)
            {
                var key = _keys.UnwrapKey(row.Kek, row.Wrapped);
                Sql.Set(update, to, _keys.WrapKey(to, key), row.Scope);
                CryptographicOperations.ZeroMemory(key);
                update.ExecuteNonQuery();
            }

            Sql.Execute(connection, transaction, "UPDATE kek_state SET active = @k WHERE id = 1;", ("@k", to));
            transaction.Commit();
            var retired = new List<string>();
            if (!keepOld)
            {
                foreach (var old in rows.Select(r => r.Kek).Append(from).Distinct(StringComparer.Ordinal).Where(k => k != to))
                {
                    if (_keys.DeleteKey(old))
                    {
                        retired.Add(old);
                    }
                }
            }

            return new KekRotation(from, to, rows.Count, retired);
        }
    }

    private byte[]? Load(string scope)
    {
        // A rotation may retire the key a row was wrapped by between reading the row and
        // unwrapping it; the row then names the new key, so read it once more.
        for (var attempt = 0; ; attempt++)
        {
            using var connection = _database.Open();
            var row = Sql.Query(connection, null, "SELECT kek, wrapped FROM data_keys WHERE scope = @s;", r => (Kek: r.GetString(0), Wrapped: r.Bytes(1)), ("@s", scope));
            if (row.Count == 0)
            {
                return null;
            }

            try
            {
                return _keys.UnwrapKey(row[0].Kek, row[0].Wrapped);
            }
            catch (Exception e) when (attempt == 0 && e is KeyNotFoundException or CryptographicException)
            {
            }
            catch (Exception e) when (e is KeyNotFoundException or CryptographicException)
            {
                // The key store's key-encryption key is not the one that wrapped this data key.
                throw new Identity.Keys.KeyUnavailableException(
                    $"The key-encryption key '{row[0].Kek}' of the key store does not open the record's data key of {scope}: "
                    + "the key store is not the one this record was written with (a wrong key file or token).",
                    e);
            }
        }
    }

    private byte[] Create(string scope)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            // The lock on the active key orders this against a rotation: a key wrapped here is
            // either rewrapped by it or wrapped by the key it makes active.
            using var select = Sql.Command(connection, transaction, "SELECT active FROM kek_state WHERE id = 1" + _database.ForUpdate + ";");
            var kek = select.ExecuteScalar() as string ?? throw new InvalidOperationException("The record has no key-encryption key yet.");
            Sql.Execute(
                connection, transaction, "INSERT INTO data_keys (scope, kek, wrapped, created_at) VALUES (@s, @k, @w, @at) ON CONFLICT DO NOTHING;",
                ("@s", scope), ("@k", kek), ("@w", _keys.WrapKey(kek, key)), ("@at", Sql.Ms(_time.GetUtcNow())));
            transaction.Commit();
        }

        // Another process may have created the scope's key first; theirs is the one stored.
        return Load(scope) ?? throw new InvalidOperationException($"The data key of {scope} could not be stored.");
    }

    private static string Next(string kek) =>
        kek.StartsWith(KekPrefix, StringComparison.Ordinal) && int.TryParse(kek.AsSpan(KekPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? string.Create(CultureInfo.InvariantCulture, $"{KekPrefix}{n + 1}")
            : KekPrefix + "1";
}
