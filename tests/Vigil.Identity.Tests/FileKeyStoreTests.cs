using System.Security.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Tests;

/// <summary>The file key store: the key stores' contract, and what is the files' own.</summary>
public sealed class FileKeyStoreTests : KeyStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private FileKeyStore? _store;

    protected override IKeyStore Store => _store ??= new FileKeyStore(Path.Combine(_folder.Path, "contract"));

    protected override IKeyStore Reopen() => new FileKeyStore(Path.Combine(_folder.Path, "contract"));

    public void Dispose()
    {
        _store?.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Dispose_KeysInUse_RefusesEveryKeyOperationAfter()
    {
        using var temp = new TempFolder();
        var store = new FileKeyStore(temp.Path, "correct horse");
        store.CreateKey("signing");
        store.CreateWrappingKey("sessions");
        var hash = SHA256.HashData("checkpoint"u8);
        store.SignHash("signing", hash);
        var wrapped = store.WrapKey("sessions", new byte[32]);

        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.SignHash("signing", hash));
        Assert.Throws<ObjectDisposedException>(() => store.UnwrapKey("sessions", wrapped));
        Assert.Throws<ObjectDisposedException>(() => store.GetPublicKey("signing"));
        using var reopened = new FileKeyStore(temp.Path, "correct horse");
        Assert.Equal(32, reopened.UnwrapKey("sessions", wrapped).Length);
    }

    [Fact]
    public void CreateKey_NewKey_IsOwnerOnlyInAnOwnerOnlyFolder()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "keys");
        var store = new FileKeyStore(folder);

        store.CreateKey("ingest");

        var file = Directory.GetFiles(folder).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void CreateKey_ExistingName_Throws()
    {
        using var temp = new TempFolder();
        var store = new FileKeyStore(temp.Path);
        store.CreateKey("signing");

        Assert.Throws<IOException>(() => store.CreateKey("signing"));
    }

    [Fact]
    public void Passphrase_KeyFile_IsEncryptedAndNeedsIt()
    {
        using var temp = new TempFolder();
        var store = new FileKeyStore(temp.Path, "correct horse");
        store.CreateKey("signing");
        var publicKey = store.GetPublicKey("signing");

        var text = File.ReadAllText(Directory.GetFiles(temp.Path).Single());
        Assert.Contains("BEGIN ENCRYPTED PRIVATE KEY", text);
        Assert.Equal(publicKey.Q.X, new FileKeyStore(temp.Path, "correct horse").GetPublicKey("signing").Q.X);
        var wrong = Assert.Throws<KeyUnavailableException>(() => new FileKeyStore(temp.Path, "wrong").GetPublicKey("signing"));
        Assert.IsAssignableFrom<CryptographicException>(wrong.InnerException);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("UPPER")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Contains_InvalidName_Throws(string name)
    {
        using var temp = new TempFolder();

        Assert.Throws<ArgumentException>(() => new FileKeyStore(temp.Path).Contains(name));
    }

    [Fact]
    public void KeyStoreEcdsa_ExportPrivate_IsRefused()
    {
        using var temp = new TempFolder();
        var store = new FileKeyStore(temp.Path);
        store.CreateKey("signing");
        using var key = new KeyStoreEcdsa(store, "signing");

        Assert.Throws<CryptographicException>(() => key.ExportParameters(true));
        Assert.True(key.VerifyData("x"u8.ToArray(), key.SignData("x"u8.ToArray(), HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }
}
