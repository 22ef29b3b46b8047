using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Vigil.Domain.Access;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Record;
using Vigil.Record.Batches;
using Vigil.Record.Readings;
using Vigil.Server.Access;

// The console's patient page in headless Chromium: the time from navigation until the charts of
// 7 days of 5-minute CGM and 1-minute pulse-oximeter data (about 12,000 points) have rendered,
// beside two references measured in the same run: loading a static page of the console (the
// browser's floor), and uPlot drawing the same number of points from memory (the chart's floor).
const string chromium = "/usr/bin/chromium";
const string patient = "p-bench";
const string password = "correct horse battery staple";
const int runs = 7;
if (!File.Exists(chromium))
{
    Console.Error.WriteLine("Debian's chromium is needed: apt-get install chromium");
    return 2;
}

var root = Directory.CreateTempSubdirectory("vigil-bench-console-").FullName;
Process? server = null;
try
{
    var points = await FillAsync(root);
    var ports = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
    server = StartServer(root, ports);
    var url = $"https://127.0.0.1:{ports[0]}";
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
    var page = await context.NewPageAsync();
    await WaitForServerAsync(page, url);
    await page.GotoAsync($"{url}/signin");
    await page.FillAsync("#user", "dr-bench");
    await page.FillAsync("#password", password);
    await page.ClickAsync("button[type=submit]");
    await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));

    var patientPage = new List<double>();
    var staticPage = new List<double>();
    var chartOnly = new List<double>();
    for (var i = 0; i <= runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync($"{url}/patients/{patient}?range=week");
        await page.WaitForSelectorAsync("#charts[data-rendered]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var drawn = await page.GetAttributeAsync("#charts", "data-points");
        if (drawn != points.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"the page drew {drawn} points, not {points}");
        }

        watch.Restart();
        await page.GotoAsync($"{url}/console/css/console.css");
        var floor = watch.Elapsed.TotalMilliseconds;

        // uPlot alone, in a blank page of the same origin: the same number of points, from memory.
        await page.GotoAsync($"{url}/signin");
        var chart = await page.EvaluateAsync<double>(
            """
            n => {
              const t0 = performance.now();
              const xs = new Array(n), ys = new Array(n);
              for (let i = 0; i < n; i++) { xs[i] = 1.7e9 + i * 60; ys[i] = 95 + Math.sin(i / 50); }
              const host = document.createElement("div");
              document.body.appendChild(host);
              new uPlot({ width: 1200, height: 220, scales: { x: { time: true } }, series: [{}, { stroke: "blue" }] }, [xs, ys], host);
              return performance.now() - t0;
            }
            """, points);
        if (i > 0)
        {
            // The first run warms the server's and the browser's caches, as a clinician's second look would.
            patientPage.Add(elapsed);
            staticPage.Add(floor);
            chartOnly.Add(chart);
        }
    }

    var median = Median(patientPage);
    Console.WriteLine($"Patient page, 7 days (CGM every 5 min, SpO2 every minute: {points:N0} points), headless Chromium, {runs} runs after one warm-up:");
    Console.WriteLine($"  navigation to charts rendered: median {median:F0} ms (min {patientPage.Min():F0}, max {patientPage.Max():F0})");
    Console.WriteLine($"  reference, a static file of the console: median {Median(staticPage):F0} ms");
    Console.WriteLine($"  reference, uPlot drawing {points:N0} points from memory: median {Median(chartOnly):F0} ms");
    Console.WriteLine($"  ratio to the static file: {median / Median(staticPage):F1}x; to the chart alone: {median / Median(chartOnly):F1}x");
    Console.WriteLine($"  target: under 1 s: {(median < 1000 ? "met" : "NOT met")}");
    return median < 1000 ? 0 : 1;
}
finally
{
    if (server is { HasExited: false })
    {
        server.Kill(entireProcessTree: true);
        server.WaitForExit(10_000);
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

static async Task<int> FillAsync(string root)
{
    var folder = new DataFolder(root);
    folder.Initialize(TimeProvider.System, null);
    var now = DateTimeOffset.UtcNow;
    var start = now.AddDays(-7).AddMinutes(5);
    await using var record = RecordStore.Open(folder, null, TimeProvider.System);
    await record.Registry.AddPatientAsync(PatientId.Parse(patient), "Bench Patient", now, "MRN-BENCH");
    await record.Access.AddUserAsync(new StaffUser("dr-bench", "Dr Bench", StaffRole.Clinician, StaffPasswords.Hash(password), 0, null, false, now));
    await record.Access.AddTeamAsync("bench", "Bench ward", now);
    await record.Access.AddMemberAsync("bench", "dr-bench");
    await record.Access.AssignPatientAsync("bench", PatientId.Parse(patient));
    var cgm = DeviceId.Parse("cgm-bench");
    var oximeter = DeviceId.Parse("oxi-bench");
    var random = new Random(7);
    var commits = new List<Task<CommitOutcome>>();
    var points = 0;
    ulong sequence = 0;
    for (var at = start; at < now; at = at.AddHours(1))
    {
        // An hour a batch, as a hub forwards them: twelve CGM readings, sixty SpO2 readings.
        StoredReading Reading(DeviceId device, int index, MeasurementKind kind, DateTimeOffset when, double value, string unit) =>
            new(device, sequence, index, PatientId.Parse(patient), kind, when, when, [value], unit, ReadingFlags.None, null,
                random.NextDouble() < 0.01 ? Verdict.Of([ReasonCodes.RateOfChange]) : Verdict.Verified);
        sequence++;
        var hour = at;
        var glucose = Enumerable.Range(0, 12).Select(i => Reading(cgm, i, MeasurementKind.Glucose, hour.AddMinutes(5 * i), Math.Round(120 + (30 * Math.Sin(sequence / 5.0)) + random.Next(-4, 5)), "mg/dL"))
            .Where(r => r.At < now).ToList();
        var spo2 = Enumerable.Range(0, 60).Select(i => Reading(oximeter, i, MeasurementKind.OxygenSaturation, hour.AddMinutes(i), 95 + random.Next(0, 4), "%"))
            .Where(r => r.At < now).ToList();
        points += glucose.Count + spo2.Count;
        commits.Add(record.Batches.CommitAsync(Batch(cgm, sequence, hour, glucose)));
        commits.Add(record.Batches.CommitAsync(Batch(oximeter, sequence, hour, spo2)));
    }

    await Task.WhenAll(commits);
    return points;

    static AcceptedBatch Batch(DeviceId device, ulong sequence, DateTimeOffset at, List<StoredReading> readings) =>
        new(device, sequence, at, at, "bench", new byte[16], new byte[32], RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(400), readings.Count, false, readings, PatientId.Parse(patient));
}

static Process StartServer(string root, int[] ports)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[]
    {
        Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "serve", "--data", root, "--https-port", $"{ports[0]}", "--mqtt-port", $"{ports[1]}",
        "--silo-port", $"{ports[2]}", "--orleans-gateway-port", $"{ports[3]}",
    })
    {
        start.ArgumentList.Add(arg);
    }

    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForServerAsync(IPage page, string url)
{
    var deadline = DateTime.UtcNow.AddSeconds(90);
    while (true)
    {
        try
        {
            var response = await page.APIRequest.GetAsync($"{url}/api/v1/health");
            if (response.Ok)
            {
                return;
            }
        }
        catch (PlaywrightException) when (DateTime.UtcNow < deadline)
        {
        }

        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("vigil serve did not start");
        }

        await Task.Delay(250);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
