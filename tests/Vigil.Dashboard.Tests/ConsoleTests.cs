using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Domain.Patients;
using Vigil.Record.Access;
using Vigil.Record.Events;

namespace Vigil.Dashboard.Tests;

/// <summary>The console in headless Chromium against a real <c>vigil serve</c>: what each role sees and may do.</summary>
public sealed class ConsoleTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Clinician_SeesTheChartWithTheSuspectReadingMarkedAndConfirmsTheAlert()
    {
        var page = await console.PageAsync(ConsoleFixture.Clinician);
        await page.GotoAsync($"{console.BaseUrl}/patients");
        var row = page.Locator($"tr[data-patient='{ConsoleFixture.Mine}']");
        await Assertions.Expect(row).ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(page.Locator($"tr[data-patient='{ConsoleFixture.Theirs}']")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("td[data-kind='Glucose'] .badge")).ToContainTextAsync("Suspect");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-patients");

        await row.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        await page.WaitForSelectorAsync("#charts[data-rendered]");
        var glucose = page.Locator(".chart[data-kind='Glucose']");
        await Assertions.Expect(glucose.Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(glucose.Locator("details summary")).ToContainTextAsync("1 reading(s) not verified");
        await glucose.Locator("details summary").ClickAsync();
        await Assertions.Expect(glucose.Locator("details li .badge.suspect")).ToContainTextAsync("rate-of-change");
        await Assertions.Expect(glucose.Locator(".u-legend")).ToContainTextAsync("Fingerstick");
        var box = (await glucose.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width - 2, box.Y + (box.Height / 2));
        await Assertions.Expect(glucose.Locator(".readout")).ToContainTextAsync("rate-of-change");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-patient-chart");

        await page.GotoAsync($"{console.BaseUrl}/alerts");
        var alert = page.Locator("article.alert-card.unconfirmed").First;
        await Assertions.Expect(alert).ToContainTextAsync("UNCONFIRMED");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        var dialog = page.Locator("dialog#confirm-escalation");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("not verified");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-escalation-asks-for-confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Go back" }).ClickAsync();
        var id = await alert.GetAttributeAsync("data-alert");
        await alert.GetByLabel("Note").FillAsync("Called the patient: SpO2 85 % on a second meter");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Alert {id} is now confirmed");
        await Assertions.Expect(page.Locator($"article[data-alert='{id}']")).Not.ToHaveClassAsync(new Regex("unconfirmed"));
        await page.Locator($"article[data-alert='{id}']").GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Alert {id} is now escalated");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-alert-confirmed-and-escalated");
    }

    [Fact]
    public async Task Analyst_QuarantinesADeviceAndIsRefusedPatientPages()
    {
        var page = await console.PageAsync(ConsoleFixture.Analyst);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fleet$"));
        var row = page.Locator($"tr[data-device='{console.OtherCgm}']");
        await Assertions.Expect(row).ToContainTextAsync("active");
        Assert.DoesNotContain("Babbage", await page.ContentAsync(), StringComparison.Ordinal);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByLabel("Reason").FillAsync("clone suspected by the analyst");
        await row.GetByRole(AriaRole.Button, new() { Name = "Quarantine" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Device {console.OtherCgm} is now quarantined");
        await Assertions.Expect(page.Locator($"tr[data-device='{console.OtherCgm}']")).ToContainTextAsync("quarantined");
        await ConsoleFixture.ScreenshotAsync(page, "analyst-fleet-quarantined");

        var refused = await page.GotoAsync($"{console.BaseUrl}/patients/{ConsoleFixture.Mine}");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");
        Assert.DoesNotContain("Lovelace", await page.ContentAsync(), StringComparison.Ordinal);
        var api = await page.APIRequest.GetAsync($"{console.BaseUrl}/api/v1/patients/{ConsoleFixture.Mine}/readings");
        Assert.Equal(403, api.Status);
        await ConsoleFixture.ScreenshotAsync(page, "analyst-refused-patient");

        await page.GotoAsync($"{console.BaseUrl}/events");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("device-quarantined");
    }

    [Fact]
    public async Task Analyst_CreatesARecallAndVerifiesTheLedgerNow()
    {
        var page = await console.PageAsync(ConsoleFixture.Analyst);
        await page.GotoAsync($"{console.BaseUrl}/recalls");
        await page.GetByLabel("Model").FillAsync("OX1");
        await page.GetByLabel("Lots (comma-separated, empty: all)").FillAsync("LOT-1");
        await page.GetByLabel("Readings doubted since (your local time)").FillAsync(DateTime.Now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Reason").FillAsync("oximeter lot reads 4 points high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create recall" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("flagged 1 device(s)");
        await page.GetByText("which").First.ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync(console.Oximeter.Value);
        await ConsoleFixture.ScreenshotAsync(page, "analyst-recall");

        await page.GotoAsync($"{console.BaseUrl}/ledger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.verify")).ToContainTextAsync("The record matches its ledger and every checkpoint");
        await ConsoleFixture.ScreenshotAsync(page, "analyst-ledger-verified");
    }

    [Fact]
    public async Task Admin_AddsAClinicianWhoCanThenSignIn()
    {
        var page = await console.PageAsync(ConsoleFixture.Admin);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await page.GetByLabel("User name").FillAsync("dr-new");
        await page.GetByLabel("Display name").FillAsync("Dr New");
        await page.GetByLabel("Role").SelectOptionAsync("Clinician");
        await page.GetByLabel("Initial password (at least 12 characters)").FillAsync("a long first password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Added clinician dr-new");
        Assert.DoesNotContain("Lovelace", await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleFixture.ScreenshotAsync(page, "admin-users");

        var newcomer = await console.PageAsync();
        await newcomer.GotoAsync($"{console.BaseUrl}/signin");
        await newcomer.GetByLabel("User name").FillAsync("dr-new");
        await newcomer.GetByLabel("Password").FillAsync("a long first password");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(newcomer).ToHaveURLAsync(new Regex("/patients$"));
        await Assertions.Expect(newcomer.Locator("table.patients")).ToContainTextAsync("No patients are in your care teams yet.");
    }

    [Fact]
    public async Task BreakGlass_OpensAnotherTeamsPatientWithAReasonAuditedInTheLedger()
    {
        var page = await console.PageAsync(ConsoleFixture.Covering);
        var refused = await page.GotoAsync($"{console.BaseUrl}/patients/{ConsoleFixture.Theirs}");
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain("Babbage", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Reason").FillAsync("Covering ward B at night: glucose alarm, team unreachable");
        await page.GetByRole(AriaRole.Button, new() { Name = "Break glass" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Charles Babbage");
        await Assertions.Expect(page.Locator(".patient-head")).ToContainTextAsync("break-glass");
        await page.WaitForSelectorAsync("#charts[data-rendered]");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-break-glass");

        await using var record = console.OpenRecord();
        var accesses = await record.Access.AccessesAsync(new AccessQuery(PatientId: PatientId.Parse(ConsoleFixture.Theirs), UserId: ConsoleFixture.Covering), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(accesses, a => a.What == "break-glass.open" && a.Purpose == AccessPurposes.BreakGlass);
        Assert.Contains(accesses, a => a.What == "patient.readings" && a.BreakGlassId is not null);
        Assert.All(accesses, a => Assert.NotNull(record.Ledger.Find(Record.Ledger.LedgerLeaf.AccessKind, Record.Ledger.LedgerLeaf.AccessSubject(a.Id))));
        Assert.Contains(await record.Events.ListAsync(new EventQuery("break-glass"), cancellationToken: TestContext.Current.CancellationToken), e => e.Principal == ConsoleFixture.Covering);
        Assert.Contains(await record.Access.BreakGlassAsync(unreviewedOnly: true, cancellationToken: TestContext.Current.CancellationToken), g => g.PatientId.Value == ConsoleFixture.Theirs && g.Reason.Contains("Covering ward B", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_AtPhoneWidthInAnotherTimeZone_FitsAndShowsLocalTimes()
    {
        var page = await console.PageAsync(ConsoleFixture.Clinician, 390, 844, "America/New_York");
        await page.GotoAsync($"{console.BaseUrl}/patients");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var zone = await page.Locator("#zone").TextContentAsync();
        var time = page.Locator("td[data-kind='Glucose'] time").First;
        var shown = await time.TextContentAsync();
        var utc = await time.GetAttributeAsync("datetime");
        await ConsoleFixture.ScreenshotAsync(page, "clinician-patients-phone");

        Assert.True(width <= 390, $"the page is {width} px wide at a 390 px viewport");
        Assert.Equal("America/New_York", zone);
        Assert.DoesNotContain("UTC", shown, StringComparison.Ordinal);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(utc!, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Contains(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_IsUsableFromTheKeyboardAndLabelled()
    {
        var page = await console.PageAsync();
        await page.GotoAsync($"{console.BaseUrl}/signin");
        Assert.Equal("user", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(ConsoleFixture.Clinician);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ConsoleFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/patients$"));
        var unlabelled = await page.EvaluateAsync<int>(
            "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length");
        Assert.Equal(0, unlabelled);
        Assert.Equal("page", await page.Locator("nav a[href='/patients']").GetAttributeAsync("aria-current"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("content", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsRefusedOnThePage()
    {
        var page = await console.PageAsync();
        await page.GotoAsync($"{console.BaseUrl}/patients");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByLabel("User name").FillAsync(ConsoleFixture.Admin);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong name or password");
    }
}
