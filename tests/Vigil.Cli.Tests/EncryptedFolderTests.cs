using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary>
/// A data folder made and used with VIGIL_KEY_PASSPHRASE holds no private key in clear: not the
/// platform keys, the TLS key, the development maker CA's key, device or relay keys, nor the keys
/// that protect the console's session cookies; and the server still starts on it, and a session
/// cookie still works, also after a restart. Real <c>vigil</c> processes, since the passphrase
/// comes from their environment.
/// </summary>
public sealed partial class EncryptedFolderTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private const string Reason = "hypo alarm on ward 7, day team unreachable";
    private const string Note = "Justified: the night registrar confirmed the alarm";

    // What a private or secret key in clear looks like in a file: PEM blocks of unencrypted keys,
    // and Data Protection's unencrypted master key element.
    private static readonly string[] Plaintext =
    [
        "-----BEGIN PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN VIGIL AES-256 KEY-----", "<masterKey",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("vigil-encrypted-").FullName;

    private string Data => Path.Combine(_root, "data");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitServeAndUse_WithAPassphrase_LeaveNoPrivateKeyInClear()
    {
        await RunOkAsync("init");
        await RunOkAsync("device", "mint", "--model", "CGM", "--lot", "L1", "--serial", "s1", "--firmware", "1.0", "--enroll");
        await RunOkAsync("relay", "add", "hub-1");
        await RunOkAsync("patient", "add", "--id", "p-1", "--name", "Ada");
        var clinician = PasswordOf(await RunOkAsync("user", "add", "--id", "dr-night", "--name", "Dr Night", "--role", "Clinician"));
        var analyst = PasswordOf(await RunOkAsync("user", "add", "--id", "analyst-1", "--name", "Analyst", "--role", "Analyst"));
        var ports = FreePorts.Take(4);
        var cookies = new CookieContainer();

        using (var server = await ServeAsync(ports))
        {
            using var api = Client(ports[0], cookies);
            await SignInAsync(api, "dr-night", clinician);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/session", Ct)).StatusCode);
            var opened = await api.PostAsJsonAsync("/api/v1/patients/p-1/break-glass", new { text = Reason }, Ct);
            Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
            var grant = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
            using var reviewer = Client(ports[0], new CookieContainer());
            await SignInAsync(reviewer, "analyst-1", analyst);
            var reviewed = await reviewer.PostAsJsonAsync($"/api/v1/break-glass/{grant}/review", new { text = Note }, Ct);
            Assert.True(reviewed.IsSuccessStatusCode, await reviewed.Content.ReadAsStringAsync(Ct));

            // While the server runs, the record's write-ahead log and shared memory exist, and are the owner's alone.
            var db = Path.Combine(Data, "vigil.db");
            await Eventually.TrueAsync(() => File.Exists(db + "-wal") && File.Exists(db + "-shm"), "the record's WAL and shared-memory files");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Data));
            foreach (var file in new[] { db, db + "-wal", db + "-shm" })
            {
                Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} is {File.GetUnixFileMode(file)}");
            }

            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), server.Output);
        }

        // A new process reads the session keys from the folder, decrypting them: the cookie still works.
        using (var server = await ServeAsync(ports))
        {
            using var again = Client(ports[0], cookies);
            var session = await again.GetAsync("/api/v1/session", Ct);
            Assert.True(session.StatusCode == HttpStatusCode.OK, $"{session.StatusCode}: {server.Output}");
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), server.Output);
        }

        var sessionKeys = Directory.GetFiles(Path.Combine(Data, "keys", "sessions"), "*.xml");
        Assert.NotEmpty(sessionKeys);
        Assert.All(sessionKeys, k => Assert.Contains("encryptedSecret", File.ReadAllText(k), StringComparison.Ordinal));
        foreach (var key in new[] { "pki/tls.key", "maker/dev-maker-ca.key", "devices/cgm-s1/device.key", "relays/hub-1/relay.key" })
        {
            Assert.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(Path.Combine(Data, key)), StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(Data, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            foreach (var clear in Plaintext.Append(Reason).Append(Note))
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(clear)) < 0, $"{Path.GetRelativePath(Data, file)} holds '{clear}' in clear");
            }

            if (file.EndsWith(".key", StringComparison.Ordinal) || file.EndsWith(".xml", StringComparison.Ordinal))
            {
                Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} is {File.GetUnixFileMode(file)}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string PasswordOf(string output) => PasswordLine().Match(output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no password in: {output}");

    private static async Task SignInAsync(HttpClient client, string user, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { user, password }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private HttpClient Client(int port, CookieContainer cookies)
    {
        var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true };
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Data, "pki", "platform-ca.crt"));
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(ca);
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    private async Task<ServerProcess> ServeAsync(int[] ports)
    {
        var server = ServerProcess.Start(Environment(), Data, ports[0], ports[1], ports[2], ports[3]);
        await server.WaitUntilServingAsync();
        Assert.False(server.HasExited, server.Output);
        return server;
    }

    private async Task<string> RunOkAsync(params string[] args)
    {
        var (code, output) = await ServerProcess.RunAsync(_root, Environment(), TimeSpan.FromSeconds(90), [.. args, "--data", Data]);
        Assert.True(code == 0, $"vigil {string.Join(' ', args)}: {output}");
        return output;
    }

    private static Dictionary<string, string?> Environment() => new() { ["VIGIL_KEY_PASSPHRASE"] = Passphrase, ["VIGIL_DATA"] = null };

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex PasswordLine();
}
