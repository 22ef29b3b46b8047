using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Encryption;

/// <summary>
/// Seals patient data for storage (T16): AES-256-GCM under the data key of the patient it
/// belongs to, with a random 96-bit nonce, and the row and column it belongs in as additional
/// data, so a sealed value copied into another row or column fails to open instead of being read
/// as that row's data. A sealed field is a version byte (1), the nonce, the ciphertext and the
/// 16-byte tag. A record opened unprotected (only to measure what protection costs) writes
/// version 0 followed by the plaintext, and only such a record reads it.
/// </summary>
public sealed class RecordCipher
{
    private const byte Sealed = 1;
    private const byte Plain = 0;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly DataKeyRing _keys;

    // One AES-GCM context per data key, made once: setting up a context costs more than sealing a
    // reading. A context is not safe for concurrent use, so each call locks it (patients' readings
    // mostly arrive on different threads, so the lock is rarely contended).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AesGcm> _contexts = new(StringComparer.Ordinal);

    /// <summary>Creates the cipher over a key ring.</summary>
    /// <param name="keys">The data keys.</param>
    /// <param name="protect">False only for benchmarks: fields are stored in clear.</param>
    public RecordCipher(DataKeyRing keys, bool protect = true)
    {
        _keys = keys;
        Protects = protect;
    }

    /// <summary>Whether fields are encrypted.</summary>
    public bool Protects { get; }

    /// <summary>The data keys.</summary>
    public DataKeyRing Keys => _keys;

    /// <summary>
    /// Makes sure a patient's data key exists and is in memory. Call it before a write transaction
    /// that seals: creating a data key takes a transaction of its own, which on SQLite would wait
    /// for the one already open.
    /// </summary>
    public void Prepare(string? patientId)
    {
        if (Protects)
        {
            _keys.KeyFor(DataKeyRing.ScopeOf(patientId));
        }
    }

    /// <summary>Seals a field of a patient's data (<paramref name="patientId"/> null: data of no patient).</summary>
    /// <param name="patientId">Whose data it is; selects the data key.</param>
    /// <param name="context">Where it is stored: table, column and row key, such as <c>readings.values cgm-1 42 0</c>.</param>
    /// <param name="plaintext">The field.</param>
    public byte[] Seal(string? patientId, string context, ReadOnlySpan<byte> plaintext)
    {
        if (!Protects)
        {
            var plain = new byte[1 + plaintext.Length];
            plaintext.CopyTo(plain.AsSpan(1));
            return plain;
        }

        var output = new byte[1 + NonceBytes + plaintext.Length + TagBytes];
        output[0] = Sealed;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var gcm = Context(patientId);
        lock (gcm)
        {
            gcm.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceBytes, plaintext.Length), output.AsSpan(1 + NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(context));
        }

        return output;
    }

    /// <summary>Seals text.</summary>
    public byte[] Seal(string? patientId, string context, string text) => Seal(patientId, context, Encoding.UTF8.GetBytes(text));

    /// <summary>Opens a sealed field.</summary>
    /// <exception cref="RecordIntegrityException">It does not open under that patient's key in that place: it was altered or moved.</exception>
    public byte[] Open(string? patientId, string context, ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && field[0] == Plain && !Protects)
        {
            return field[1..].ToArray();
        }

        if (field.Length < 1 + NonceBytes + TagBytes || field[0] != Sealed)
        {
            throw new RecordIntegrityException(context, "it is not a sealed field");
        }

        var length = field.Length - 1 - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        try
        {
            var gcm = Context(patientId);
            lock (gcm)
            {
                gcm.Decrypt(field.Slice(1, NonceBytes), field.Slice(1 + NonceBytes, length), field[^TagBytes..], plaintext, Encoding.UTF8.GetBytes(context));
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new RecordIntegrityException(context, "it does not authenticate under its patient's key in its place");
        }

        return plaintext;
    }

    private AesGcm Context(string? patientId)
    {
        var scope = DataKeyRing.ScopeOf(patientId);
        return _contexts.TryGetValue(scope, out var gcm) ? gcm : _contexts.GetOrAdd(scope, s => new AesGcm(_keys.KeyFor(s), TagBytes));
    }

    /// <summary>Opens sealed text.</summary>
    public string OpenText(string? patientId, string context, ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(Open(patientId, context, field));
}
