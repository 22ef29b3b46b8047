using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Vigil.Identity.Keys;

/// <summary>
/// The platform's keys in a hardware security module through PKCS#11 (tested against SoftHSM2).
/// Keys are token objects found by label; private and secret keys are sensitive and never leave
/// the token. ECDSA signs a SHA-256 digest computed here (<c>CKM_ECDSA</c>; SoftHSM2 refuses
/// <c>CKM_ECDSA_SHA256</c>); ECDH derives a session secret on the token (<c>CKM_ECDH1_DERIVE</c>)
/// and reads it back, since the protocol's key schedule runs here; data keys are wrapped with
/// <c>CKM_AES_GCM</c> in <see cref="KeyWrapFormat"/>. One logged-in session serves every call, one
/// call at a time.
/// </summary>
internal sealed class Pkcs11KeyStore : IKeyStore
{
    private static readonly byte[] P256Oid = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
    private static readonly ConcurrentDictionary<string, IPkcs11Library> Libraries = new(StringComparer.Ordinal);
    private static readonly Pkcs11InteropFactories Factories = new();
    private static int s_resolverSet;

    private readonly ISession _session;
    private readonly string _token;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<(string, CKO), IObjectHandle> _handles = new();

    /// <summary>Opens the token and logs in with the user PIN.</summary>
    /// <exception cref="InvalidOperationException">The module, the token or the PIN is wrong.</exception>
    public Pkcs11KeyStore(Pkcs11Settings settings, string pin)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _token = settings.Token;
        try
        {
            var library = Load(settings.Module);
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == settings.Token)
                ?? throw new InvalidOperationException($"The PKCS#11 module has no token labelled '{settings.Token}'.");
            _session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                _session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Login is per token and application: another store of this process logged in already.
            }
        }
        catch (Pkcs11Exception e)
        {
            throw new InvalidOperationException($"The PKCS#11 token '{settings.Token}' could not be opened: {e.RV}.", e);
        }
    }

    /// <inheritdoc />
    public string Description => $"PKCS#11 token '{_token}'";

    /// <inheritdoc />
    public bool Contains(string name) => Find(name, CKO.CKO_PRIVATE_KEY) is not null || Find(name, CKO.CKO_SECRET_KEY) is not null;

    /// <inheritdoc />
    public void CreateKey(string name)
    {
        RefuseExisting(name);
        List<IObjectAttribute> publicTemplate =
        [
            Attribute(CKA.CKA_TOKEN, true), Attribute(CKA.CKA_LABEL, name), Attribute(CKA.CKA_VERIFY, true), Attribute(CKA.CKA_EC_PARAMS, P256Oid),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            Attribute(CKA.CKA_TOKEN, true), Attribute(CKA.CKA_LABEL, name), Attribute(CKA.CKA_PRIVATE, true), Attribute(CKA.CKA_SENSITIVE, true),
            Attribute(CKA.CKA_EXTRACTABLE, false), Attribute(CKA.CKA_SIGN, true), Attribute(CKA.CKA_DERIVE, true),
        ];
        Run(() => _session.GenerateKeyPair(Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN), publicTemplate, privateTemplate, out _, out _));
    }

    /// <inheritdoc />
    public ECParameters GetPublicKey(string name)
    {
        var handle = Handle(name, CKO.CKO_PUBLIC_KEY);
        var point = Run(() => _session.GetAttributeValue(handle, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray());

        // CKA_EC_POINT is the uncompressed point wrapped in a DER OCTET STRING.
        var raw = AsnDecoder.ReadOctetString(point, AsnEncodingRules.DER, out _);
        if (raw.Length != 65 || raw[0] != 0x04)
        {
            throw new CryptographicException($"The token's key '{name}' is not an uncompressed P-256 point.");
        }

        return new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = raw[1..33], Y = raw[33..] } };
    }

    /// <inheritdoc />
    public byte[] SignHash(string name, ReadOnlySpan<byte> hash)
    {
        var handle = Handle(name, CKO.CKO_PRIVATE_KEY);
        var digest = hash.ToArray();
        return Run(() => _session.Sign(Factories.MechanismFactory.Create(CKM.CKM_ECDSA), handle, digest));
    }

    /// <inheritdoc />
    public byte[] DeriveRawSecret(string name, ECParameters peerPublicKey)
    {
        var handle = Handle(name, CKO.CKO_PRIVATE_KEY);
        // Importing validates that the point is on the curve before the token sees it.
        ECDiffieHellman.Create(peerPublicKey).Dispose();

        byte[] point = [0x04, .. peerPublicKey.Q.X!, .. peerPublicKey.Q.Y!];
        var parameters = Factories.MechanismParamsFactory.CreateCkEcdh1DeriveParams((ulong)CKD.CKD_NULL, null, point);
        List<IObjectAttribute> template =
        [
            Attribute(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), Attribute(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET), Attribute(CKA.CKA_TOKEN, false),
            Attribute(CKA.CKA_SENSITIVE, false), Attribute(CKA.CKA_EXTRACTABLE, true), Attribute(CKA.CKA_VALUE_LEN, 32UL),
        ];
        return Run(() =>
        {
            var derived = _session.DeriveKey(Factories.MechanismFactory.Create(CKM.CKM_ECDH1_DERIVE, parameters), handle, template);
            try
            {
                return _session.GetAttributeValue(derived, [CKA.CKA_VALUE])[0].GetValueAsByteArray();
            }
            finally
            {
                _session.DestroyObject(derived);
            }
        });
    }

    /// <inheritdoc />
    public void CreateWrappingKey(string name)
    {
        RefuseExisting(name);
        List<IObjectAttribute> template =
        [
            Attribute(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), Attribute(CKA.CKA_KEY_TYPE, CKK.CKK_AES), Attribute(CKA.CKA_TOKEN, true),
            Attribute(CKA.CKA_LABEL, name), Attribute(CKA.CKA_VALUE_LEN, 32UL), Attribute(CKA.CKA_ENCRYPT, true), Attribute(CKA.CKA_DECRYPT, true),
            Attribute(CKA.CKA_SENSITIVE, true), Attribute(CKA.CKA_EXTRACTABLE, false), Attribute(CKA.CKA_PRIVATE, true),
        ];
        Run(() => _session.GenerateKey(Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN), template));
    }

    /// <inheritdoc />
    public byte[] WrapKey(string name, ReadOnlySpan<byte> dataKey)
    {
        var handle = Handle(name, CKO.CKO_SECRET_KEY);
        var nonce = RandomNumberGenerator.GetBytes(KeyWrapFormat.NonceBytes);
        var plaintext = dataKey.ToArray();
        var sealedKey = Run(() => _session.Encrypt(Gcm(nonce, name), handle, plaintext));
        CryptographicOperations.ZeroMemory(plaintext);
        return [.. nonce, .. sealedKey];
    }

    /// <inheritdoc />
    public byte[] UnwrapKey(string name, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length <= KeyWrapFormat.NonceBytes + KeyWrapFormat.TagBytes)
        {
            throw new CryptographicException("The wrapped key is too short.");
        }

        var handle = Handle(name, CKO.CKO_SECRET_KEY);
        var nonce = wrapped[..KeyWrapFormat.NonceBytes].ToArray();
        var body = wrapped[KeyWrapFormat.NonceBytes..].ToArray();
        try
        {
            return Run(() => _session.Decrypt(Gcm(nonce, name), handle, body));
        }
        catch (Pkcs11Exception e)
        {
            // Tokens differ in what they answer to a failed tag check (SoftHSM2: CKR_GENERAL_ERROR).
            throw new CryptographicException($"The data key does not unwrap under '{name}': it was wrapped under another key, or altered.", e);
        }
    }

    /// <inheritdoc />
    public bool DeleteKey(string name)
    {
        var deleted = false;
        foreach (var kind in new[] { CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY, CKO.CKO_SECRET_KEY })
        {
            if (Find(name, kind) is { } handle)
            {
                Run(() => _session.DestroyObject(handle));
                _handles.TryRemove((name, kind), out _);
                deleted = true;
            }
        }

        return deleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // No logout: login is shared by every session of the process on this token.
        lock (_lock)
        {
            _session.Dispose();
        }
    }

    private static IPkcs11Library Load(string module)
    {
        // Pkcs11Interop asks for "libdl", which glibc installs only as libdl.so.2.
        if (Interlocked.Exchange(ref s_resolverSet, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(IPkcs11Library).Assembly, ResolveLibdl);
        }

        // A module is initialised once per process and shared: a second C_Initialize fails, and a
        // C_Finalize would end every other user's sessions.
        return Libraries.GetOrAdd(Path.GetFullPath(module), path => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded));
    }

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == "libdl" && NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero;

    private static IMechanism Gcm(byte[] nonce, string name) => Factories.MechanismFactory.Create(
        CKM.CKM_AES_GCM, Factories.MechanismParamsFactory.CreateCkGcmParams(nonce, (ulong)nonce.Length * 8, KeyWrapFormat.AssociatedData(name), KeyWrapFormat.TagBytes * 8UL));

    private static IObjectAttribute Attribute(CKA type, bool value) => Factories.ObjectAttributeFactory.Create(type, value);

    private static IObjectAttribute Attribute(CKA type, string value) => Factories.ObjectAttributeFactory.Create(type, value);

    private static IObjectAttribute Attribute(CKA type, byte[] value) => Factories.ObjectAttributeFactory.Create(type, value);

    private static IObjectAttribute Attribute(CKA type, ulong value) => Factories.ObjectAttributeFactory.Create(type, value);

    private static IObjectAttribute Attribute(CKA type, CKO value) => Factories.ObjectAttributeFactory.Create(type, value);

    private static IObjectAttribute Attribute(CKA type, CKK value) => Factories.ObjectAttributeFactory.Create(type, value);

    private void RefuseExisting(string name)
    {
        if (Contains(name))
        {
            throw new IOException($"The token already holds a key named '{name}'.");
        }
    }

    private IObjectHandle Handle(string name, CKO kind) =>
        Find(name, kind) ?? throw new KeyNotFoundException($"The key store has no key named '{name}'.");

    private IObjectHandle? Find(string name, CKO kind)
    {
        if (_handles.TryGetValue((name, kind), out var cached))
        {
            return cached;
        }

        var found = Run(() => _session.FindAllObjects([Attribute(CKA.CKA_LABEL, name), Attribute(CKA.CKA_CLASS, kind)]));
        if (found.Count == 0)
        {
            return null;
        }

        return _handles.GetOrAdd((name, kind), found[0]);
    }

    private T Run<T>(Func<T> operation)
    {
        lock (_lock)
        {
            try
            {
                return operation();
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_OBJECT_HANDLE_INVALID)
            {
                _handles.Clear();
                throw new CryptographicException($"The token no longer holds a key this store used: {e.RV}.", e);
            }
        }
    }

    private void Run(Action operation) => Run(() =>
    {
        operation();
        return 0;
    });
}
