using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Record.Access;
using Vigil.Record.Batches;
using Vigil.Record.Changes;
using Vigil.Record.Clinical;
using Vigil.Record.Encryption;
using Vigil.Record.Events;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Record.Registry;
using Vigil.Record.Storage;
using Vigil.Record.Trust;

namespace Vigil.Record;

/// <summary>
/// The record: the registry, accepted batches with their readings and verdicts, the ledger,
/// alerts, incidents, recalls and security events, in SQLite (embedded) or PostgreSQL. Opening
/// migrates the schema and makes sure the key store holds the record's key-encryption key.
/// Patient data is sealed under per-patient data keys (docs/record.md). Other processes (the
/// CLI) and other nodes may read and change it while a server runs; <see cref="Changes"/> tells
/// them what changed.
/// </summary>
public sealed class RecordStore : IAsyncDisposable
{
    private readonly GroupCommitter _committer;
    private readonly RecordChangeFeed _changes;
    private IKeyStore? _ownedKeys;
    private int _disposed;

    private RecordStore(RecordDatabase database, RecordCipher cipher, RecordProfile profile, TimeProvider time)
    {
        Database = database;
        Cipher = cipher;
        Profile = profile;
        var ledger = cipher.Protects;
        _committer = new GroupCommitter(database, ledger);
        _changes = database.OpenChangeFeed(time);
        Registry = new SqlRegistry(database, cipher, _changes);
        Batches = new SqlBatchStore(database, _committer, cipher, ledger);
        Events = new SqlEventLog(database, _committer);
        Readings = new SqlReadingStore(database, cipher);
        Trust = new SqlTrustStore(database, _changes);
        Clinical = new SqlClinicalStore(database, cipher);
        Ledger = new SqlLedger(database);
        Audit = new SqlAuditSource(database);
        Access = new SqlAccessStore(database, _committer, cipher);
    }

    /// <summary>Staff, care teams, tokens, break-glass grants and the access log.</summary>
    public IAccessStore Access { get; }

    /// <summary>What the record was made for, and whether it is protected.</summary>
    public RecordProfile Profile { get; }

    /// <summary>Where the record lives.</summary>
    public RecordDatabase Database { get; }

    /// <summary>The cipher that seals patient data, with its data keys.</summary>
    public RecordCipher Cipher { get; }

    /// <summary>The tamper-evident ledger and its checkpoints.</summary>
    public ILedger Ledger { get; }

    /// <summary>The record as the auditor rebuilds ledger leaves from it.</summary>
    public IAuditSource Audit { get; }

    /// <summary>Stored readings and their verdicts.</summary>
    public IReadingStore Readings { get; }

    /// <summary>Device flags, known-good firmware, incidents and recalls.</summary>
    public ITrustStore Trust { get; }

    /// <summary>Alerts, reference measurements and thresholds.</summary>
    public IClinicalStore Clinical { get; }

    /// <summary>The registry.</summary>
    public IRegistry Registry { get; }

    /// <summary>The batch store.</summary>
    public IBatchStore Batches { get; }

    /// <summary>The security event log.</summary>
    public IEventLog Events { get; }

    /// <summary>Notifications of committed changes to the registry, device flags and firmware, from this process and every other.</summary>
    public IRecordChanges Changes => _changes;

    /// <summary>Transactions the group committer has committed.</summary>
    public long GroupCommits => _committer.Commits;

    /// <summary>
    /// Opens a record (migrating it, and making it a clinical record if it is new) whose data keys
    /// are wrapped by keys in <paramref name="keys"/>. It opens as it was made: protected, unless it
    /// is a benchmark's reference record made without protection.
    /// </summary>
    /// <param name="database">Where it lives; the record owns it from now on.</param>
    /// <param name="keys">The key store holding the key-encryption keys.</param>
    /// <param name="time">The clock.</param>
    public static RecordStore Open(RecordDatabase database, IKeyStore keys, TimeProvider time) => Open(database, keys, time, null);

    /// <summary>
    /// Opens the record of a data folder for what needs no key: the audit (which checks stored
    /// bytes, hashes and the checkpoints' signatures with public keys only), proofs, and the key
    /// status. No key store is opened (no passphrase, no token) and no key is created; anything
    /// sealed does not open.
    /// </summary>
    public static RecordStore OpenWithoutKeys(DataFolder folder, TimeProvider time, string? store = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Open(RecordDatabase.Connect(store ?? folder.ReadStore(), folder.RecordPath), new NoKeyStore(), time, null, keyed: false);
    }

    /// <summary>
    /// Opens the record of a data folder: the PostgreSQL database named by <paramref name="store"/>,
    /// else by the folder's store file, else the folder's SQLite file. The record owns the folder's
    /// key store it opens, and disposes it with itself.
    /// </summary>
    public static RecordStore Open(DataFolder folder, string? passphrase, TimeProvider time, string? store = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var keys = folder.OpenKeyStore(passphrase);
        try
        {
            var record = Open(RecordDatabase.Connect(store ?? folder.ReadStore(), folder.RecordPath), keys, time);
            record._ownedKeys = keys;
            return record;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes a new, empty record a benchmark's reference record, protected or not, and opens it:
    /// only <c>vigil bench ingest</c> (and the tests that prove what protection hides) make one.
    /// </summary>
    public static RecordStore MakeBenchmark(RecordDatabase database, IKeyStore keys, TimeProvider time, bool protect) =>
        Open(database, keys, time, new RecordProfile(RecordPurpose.Benchmark, protect));

    private static RecordStore Open(RecordDatabase database, IKeyStore keys, TimeProvider time, RecordProfile? make, bool keyed = true)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            database.Migrate();
            if (make is not null)
            {
                RecordProfile.Make(database, make);
            }

            Storage.FactAdoption.Run(database);
            var profile = RecordProfile.Read(database);
            var ring = new DataKeyRing(database, keys, time);
            if (keyed)
            {
                ring.EnsureActiveKek();
            }

            return new RecordStore(database, new RecordCipher(ring, protect: profile.Protected), profile, time);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the change feed, drains the group committer and closes the database (and the key store
    /// it opened itself, if any); a second call does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _changes.DisposeAsync();
        await _committer.DisposeAsync();
        Database.Dispose();
        _ownedKeys?.Dispose();
    }
}
