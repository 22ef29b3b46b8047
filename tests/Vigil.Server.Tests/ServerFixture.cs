using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Access;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Protocol.Sealing;
using Vigil.Record.Access;
using Vigil.Record.Batches;
using Vigil.Record.Events;
using Vigil.Record.Registry;
using Vigil.Server.Access;
using Vigil.Server.Hosting;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>A real <c>vigil serve</c> in process on free 127.0.0.1 ports with a fresh data folder.</summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _overrides;
    private WebApplication? _app;

    public ServerFixture()
        : this(StoreKind.Sqlite)
    {
    }

    /// <summary>
    /// A server whose record is in a fresh database of a kind (PostgreSQL: on the test server), and
    /// whose platform keys are on a PKCS#11 token if one is given (the PIN must be set).
    /// </summary>
    internal ServerFixture(StoreKind kind, Identity.Keys.Pkcs11Settings? token = null)
    {
        Root = Directory.CreateTempSubdirectory("vigil-server-").FullName;
        Folder = new DataFolder(Root);
        if (token is not null)
        {
            Folder.UsePkcs11(token);
        }

        Folder.Initialize(TimeProvider.System, null);
        var ports = FreePorts.Take(4);
        _overrides = new Dictionary<string, string?>
        {
            ["Vigil:DataFolder"] = Root,
            ["Vigil:HttpsPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:MqttPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:SiloPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:OrleansGatewayPort"] = ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Security events are asserted on through the event log; the console keeps only errors so that a failure stands out.
            ["Logging:Console:LogLevel:Default"] = "Error",
        };
        Database = new TestDatabase(kind, Root);
        if (Database.ConnectionString is { } store)
        {
            _overrides["Vigil:Store"] = store;
        }

        MqttPort = ports[1];
        HttpsPort = ports[0];
        PlatformCa = Folder.PlatformCaCertificate;
        Recipient = RecipientKey.FromCertificate(Folder.IngestCertificate);
        Maker = Folder.LoadDevelopmentMaker(null);
        OldMaker = MakerAuthority.Create("Old Maker", DateTimeOffset.UtcNow.AddDays(-400), TimeSpan.FromDays(3650));
        File.WriteAllText(Path.Combine(Root, "trust", "makers", "old-maker.crt"), OldMaker.Certificate.ExportCertificatePem());
    }

    /// <summary>A second trusted maker whose CA is old enough to have issued certificates that have since expired.</summary>
    public MakerAuthority OldMaker { get; }

    public string Root { get; }

    /// <summary>The database the record is in.</summary>
    public TestDatabase Database { get; }

    public DataFolder Folder { get; }

    public int MqttPort { get; }

    public int HttpsPort { get; }

    public X509Certificate2 PlatformCa { get; }

    public RecipientKey Recipient { get; }

    public MakerAuthority Maker { get; }

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    public IRegistry Registry => App.Services.GetRequiredService<IRegistry>();

    public IBatchStore Batches => App.Services.GetRequiredService<IBatchStore>();

    public IEventLog Events => App.Services.GetRequiredService<IEventLog>();

    /// <summary>Extra settings applied at the next start.</summary>
    public IDictionary<string, string?> Settings => _overrides;

    public virtual async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>Sets a configuration value for the server; before it starts.</summary>
    public ServerFixture With(string key, string? value)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the server has started");
        }

        _overrides[key] = value;
        return this;
    }

    /// <summary>What the server leaves out (a benchmark's reference server on a record made for it), from the next start.</summary>
    internal BenchReference Reference { get; set; }

    /// <summary>Makes the (still empty) record a benchmark's reference record, protected or not, before the first start.</summary>
    internal async Task MakeBenchmarkRecordAsync(bool protect)
    {
        await using var record = Record.RecordStore.MakeBenchmark(
            Record.Storage.RecordDatabase.Connect(Database.ConnectionString, Folder.RecordPath), Folder.OpenKeyStore(null), TimeProvider.System, protect);
    }

    public async Task StartAsync()
    {
        _app = VigilServerBuilder.Build(_overrides, Reference);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current.CancellationToken);
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Mints a device from the trusted development maker and, unless told not to, enrolls it.</summary>
    public async Task<SimDevice> DeviceAsync(string id, bool enroll = true, DateTimeOffset? notAfter = null, MakerAuthority? maker = null)
    {
        var now = DateTimeOffset.UtcNow;
        var deviceId = DeviceId.Parse(id);
        var issuer = maker ?? (notAfter < now ? OldMaker : Maker);
        var certificate = issuer.IssueDevice(deviceId, new DeviceAttributes("T", "L1", id, "1.0"), now.AddDays(-300), notAfter ?? now.AddDays(30));
        if (enroll)
        {
            await Registry.EnrollDeviceAsync(new DeviceRecord(
                deviceId, CertificateKeyId.HexOf(certificate), certificate.RawData, "T", "L1", id, "1.0", DeviceStatus.Active, null, now, null));
            await RegistryChanged();
        }

        var element = new SoftwareSecureElement(certificate, new MemorySequenceCounter());
        return new SimDevice(deviceId, certificate, new DeviceSealer(element, Recipient, SHA256.HashData("fw"u8), TimeProvider.System));
    }

    /// <summary>Adds a relay with a platform-CA certificate carrying the given devices.</summary>
    public async Task<X509Certificate2> RelayAsync(string id, params DeviceId[] devices)
    {
        var certificate = PlatformPki.CreateRelayCertificate(Folder.OpenKeyStore(null), PlatformCa, id, DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
        await Registry.AddRelayAsync(RelayId.Parse(id), CertificateKeyId.HexOf(certificate), certificate.RawData, DateTimeOffset.UtcNow);
        foreach (var device in devices)
        {
            await Registry.BindDeviceToRelayAsync(device, RelayId.Parse(id));
        }

        await RegistryChanged();
        return certificate;
    }

    /// <summary>Makes the server's registry cache read the registry now, as a CLI change heard through the record's notification would, and waits for it.</summary>
    public Task RegistryChanged() => App.Services.GetRequiredService<RegistryCache>().InvalidateAsync();

    public Task<(MqttSender? Sender, string Refusal)> ConnectAsync(X509Certificate2 certificate) =>
        MqttSender.ConnectAsync("127.0.0.1", MqttPort, certificate, PlatformCa, TestContext.Current.CancellationToken);

    public async Task<MqttSender> ConnectOrFailAsync(X509Certificate2 certificate)
    {
        var (sender, refusal) = await ConnectAsync(certificate);
        Assert.True(sender is not null, refusal);
        return sender;
    }

    /// <summary>An HTTP client for the API, trusting the platform CA, with the bearer token if given.</summary>
    public HttpClient Api(string? token)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(PlatformCa);
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{HttpsPort}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public IAccessStore Access => App.Services.GetRequiredService<IAccessStore>();

    /// <summary>A member of staff with a local password.</summary>
    public async Task<string> StaffAsync(string id, StaffRole role, params string[] teams)
    {
        await Access.AddUserAsync(new StaffUser(id, $"Test {id}", role, StaffPasswords.Hash(Password), 0, null, false, DateTimeOffset.UtcNow));
        foreach (var team in teams)
        {
            await Access.AddTeamAsync(team, team, DateTimeOffset.UtcNow);
            await Access.AddMemberAsync(team, id);
        }

        return id;
    }

    /// <summary>The password of every test user.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>An HTTP client signed in with a session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password = Password)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true };
        handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(PlatformCa);
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{HttpsPort}") };
        var response = await client.PostAsJsonAsync("/api/v1/session", new { user, password }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return client;
    }

    /// <summary>An API token of a user.</summary>
    public async Task<string> TokenAsync(string user, string password = Password)
    {
        using var client = Api(null);
        var response = await client.PostAsJsonAsync("/api/v1/session", new { user, password, bearer = true }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
    }

    internal HttpsSender Https(X509Certificate2? certificate) => new(new Uri($"https://127.0.0.1:{HttpsPort}"), certificate, PlatformCa);

    public async Task WaitForEventAsync(string code, string? device = null) =>
        await Eventually.TrueAsync(async () => (await Events.ListAsync(new EventQuery(code, device))).Count > 0, $"a {code} event");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Database.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
