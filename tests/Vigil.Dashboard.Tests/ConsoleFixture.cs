using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Access;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Clinical;
using Vigil.Record.Registry;
using Vigil.Record.Trust;
using Vigil.Server.Access;
using Vigil.Simulator.Transport;
using Vigil.Tests.Shared;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// A real <c>vigil serve</c> process on 127.0.0.1 holding two patients in two care teams, fed
/// over MQTT/TLS with two hours of CGM readings (one impossible jump among them), a sudden
/// desaturation (an unconfirmed alert) and a fingerstick; and headless Chromium (Debian's) to look
/// at it. Users: a clinician of ward A, an analyst and an administrator.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string Clinician = "dr-ada";

    /// <summary>A second clinician of ward A, who breaks the glass (so that dr-ada's list never holds a break-glass patient).</summary>
    public const string Covering = "dr-cy";
    public const string Analyst = "sam-sec";
    public const string Admin = "alex-admin";
    public const string Mine = "p-ada";
    public const string Theirs = "p-other";
    public const string Chromium = "/usr/bin/chromium";

    private readonly string _root = Directory.CreateTempSubdirectory("vigil-console-").FullName;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public int HttpsPort { get; private set; }

    public string BaseUrl => $"https://127.0.0.1:{HttpsPort}";

    public IBrowser Browser { get; private set; } = null!;

    public DataFolder Folder { get; private set; } = null!;

    public DeviceId Cgm { get; } = DeviceId.Parse("cgm-ada-1");

    public DeviceId Oximeter { get; } = DeviceId.Parse("oxi-ada-1");

    public DeviceId OtherCgm { get; } = DeviceId.Parse("cgm-other-1");

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is not installed (apt-get install chromium); ./test.sh installs it.");
        Folder = new DataFolder(_root);
        Folder.Initialize(TimeProvider.System, null);
        var now = DateTimeOffset.UtcNow;
        var maker = Folder.LoadDevelopmentMaker(null);
        var firmware = SHA256.HashData("console-fw"u8);
        var devices = new Dictionary<DeviceId, X509Certificate2>();
        await using (var record = RecordStore.Open(Folder, null, TimeProvider.System))
        {
            await record.Registry.AddPatientAsync(PatientId.Parse(Mine), "Ada Lovelace", now, "MRN-1815");
            await record.Registry.AddPatientAsync(PatientId.Parse(Theirs), "Charles Babbage", now, "MRN-1791");
            foreach (var (id, model, patient) in new[] { (Cgm, "G7", Mine), (Oximeter, "OX1", Mine), (OtherCgm, "G7", Theirs) })
            {
                var certificate = maker.IssueDevice(id, new DeviceAttributes(model, "LOT-1", id.Value, "1.0"), now.AddDays(-1), now.AddDays(30));
                await record.Registry.EnrollDeviceAsync(new DeviceRecord(id, CertificateKeyId.HexOf(certificate), certificate.RawData, model, "LOT-1", id.Value, "1.0", DeviceStatus.Active, null, now, null));
                await record.Registry.BindDeviceToPatientAsync(id, PatientId.Parse(patient));
                await record.Trust.AllowFirmwareAsync(new FirmwareEntry(model, firmware, "1.0", now));
                devices[id] = certificate;
            }

            foreach (var (id, role) in new[] { (Clinician, StaffRole.Clinician), (Covering, StaffRole.Clinician), (Analyst, StaffRole.Analyst), (Admin, StaffRole.Admin) })
            {
                var name = id switch { Clinician => "Dr Ada", Covering => "Dr Cy", Analyst => "Sam", _ => "Alex" };
                await record.Access.AddUserAsync(new StaffUser(id, name, role, StaffPasswords.Hash(Password), 0, null, false, now));
            }

            await record.Access.AddTeamAsync("ward-a", "Ward A", now);
            await record.Access.AddTeamAsync("ward-b", "Ward B", now);
            await record.Access.AddMemberAsync("ward-a", Clinician);
            await record.Access.AddMemberAsync("ward-a", Covering);
            await record.Access.AssignPatientAsync("ward-a", PatientId.Parse(Mine));
            await record.Access.AssignPatientAsync("ward-b", PatientId.Parse(Theirs));
        }

        var ports = FreePorts.Take(4);
        HttpsPort = ports[0];
        _server = ServerProcess.Start(_root, ports[0], ports[1], ports[2], ports[3]);
        await _server.WaitUntilServingAsync();
        Assert.False(_server.HasExited, _server.Output);
        await FeedAsync(ports[1], devices, firmware, now);
        await using (var record = RecordStore.Open(Folder, null, TimeProvider.System))
        {
            await record.Clinical.AddCalibrationAsync(new Calibration(0, PatientId.Parse(Mine), now.AddMinutes(-60), 118, "fingerstick", now.AddMinutes(-59), Cgm, 112));
        }

        // The suite runs beside other test assemblies on two cores: waits are bounded generously.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>A new browser context (its own cookies) and page, optionally signed in.</summary>
    public async Task<IPage> PageAsync(string? user = null, int width = 1280, int height = 800, string? timezone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezone,
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        if (user is not null)
        {
            await page.GotoAsync($"{BaseUrl}/signin");
            await page.GetByLabel("User name").FillAsync(user);
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                // A retrying assertion on the address, rather than a wait for the navigation event, which
                // can be missed when the navigation lands while the wait is being set up.
                await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/signin"), new() { Timeout = 60_000 });
                await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            }
            catch (PlaywrightException)
            {
                // Say what the page showed and what the server logged, so that a failure here on a loaded machine can be told apart.
                var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
                var log = _server?.Output ?? "";
                Assert.Fail($"{user} was not signed in within 60 s; {page.Url} shows: {shown}\nserver output (last 4000 characters):\n{log[Math.Max(0, log.Length - 4000)..]}");
            }
        }

        return page;
    }

    /// <summary>Saves a screenshot as a test artifact (artifacts/screenshots).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>The record, read beside the running server.</summary>
    public RecordStore OpenRecord() => RecordStore.Open(Folder, null, TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task FeedAsync(int mqttPort, Dictionary<DeviceId, X509Certificate2> devices, byte[] firmware, DateTimeOffset now)
    {
        var recipient = RecipientKey.FromCertificate(Folder.IngestCertificate);
        using var platformCa = Folder.PlatformCaCertificate;
        async Task SendAsync(DeviceId id, IEnumerable<IReadOnlyList<Reading>> batches)
        {
            var sealer = new DeviceSealer(new SoftwareSecureElement(devices[id], new MemorySequenceCounter()), recipient, firmware, TimeProvider.System);
            var (sender, refusal) = await MqttSender.ConnectAsync("127.0.0.1", mqttPort, devices[id], platformCa, TestContext.Current.CancellationToken);
            Assert.True(sender is not null, refusal);
            await using (sender)
            {
                foreach (var batch in batches)
                {
                    var delivery = await sender.SendAsync(id, sealer.Seal(batch).Envelope, TestContext.Current.CancellationToken);
                    Assert.True(delivery.Acknowledged, delivery.Code);
                }
            }
        }

        // Two hours of CGM every five minutes, steady, then one reading 150 mg/dL above the last: physiology cannot do that.
        var cgm = Enumerable.Range(0, 24).Select(i => (IReadOnlyList<Reading>)[Reading.Single(MeasurementKind.Glucose, now.AddMinutes(-120 + (5 * i)), Math.Round(115 + (9 * Math.Sin(i / 3.0))), "mg/dL")]).ToList();
        cgm.Add([Reading.Single(MeasurementKind.Glucose, now.AddMinutes(-1), 262, "mg/dL")]);
        await SendAsync(Cgm, cgm);
        await SendAsync(OtherCgm, [[Reading.Single(MeasurementKind.Glucose, now.AddMinutes(-10), 140, "mg/dL")]]);

        // A steady minute of SpO2, then a fall from 97 % to 71 % within a second: an unconfirmed desaturation alert.
        IReadOnlyList<Reading> Minute(DateTimeOffset start, Func<int, double> spo2) =>
            [.. Enumerable.Range(0, 60).Select(s => Reading.Single(MeasurementKind.OxygenSaturation, start.AddSeconds(s), spo2(s), "%"))];
        await SendAsync(Oximeter, [Minute(now.AddMinutes(-3), _ => 97), Minute(now.AddMinutes(-2), s => s < 50 ? 97 : 71)]);
        await using var record = RecordStore.Open(Folder, null, TimeProvider.System);
        await Eventually.TrueAsync(async () => (await record.Clinical.AlertsAsync(PatientId.Parse(Mine))).Any(a => a.Unconfirmed), "the unconfirmed desaturation alert", TimeSpan.FromSeconds(30));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Vigil.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
