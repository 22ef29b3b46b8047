using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Bench;

/// <summary>
/// <c>vigil bench false-alarms</c>: a clean simulated fleet through the platform's verification, in
/// process and in accelerated time, with the rate of readings it wrongly doubts. The targets are
/// at most 1 % Suspect and no clock incidents.
/// </summary>
internal static class FalseAlarmBench
{
    public static int Run(IAnsiConsole console, int patients, double days)
    {
        var start = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        CleanFleetResult result = null!;
        var watch = Stopwatch.StartNew();
        console.Progress().Start(progress =>
        {
            var task = progress.AddTask($"{patients} patients x {days} days", maxValue: patients);
            result = CleanFleetAudit.Run(patients, days, start, new Progress<int>(done => task.Value = done));
            task.Value = patients;
        });
        watch.Stop();
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("patient-days", Text(result.PatientDays));
        table.AddRow("readings verified", Text(result.Readings));
        table.AddRow("readings per second (all cores)", Text(result.Readings / watch.Elapsed.TotalSeconds));
        table.AddRow("suspect or rejected", $"{Text(result.Suspect + result.Rejected)} ({result.SuspectRate.ToString("P3", CultureInfo.InvariantCulture)})");
        foreach (var (reason, n) in result.ByReason.OrderByDescending(r => r.Value))
        {
            table.AddRow($"  {Markup.Escape(reason)}", Text(n));
        }

        table.AddRow("care-team notices (data-untrusted)", $"{Text(result.Notices)} ({(result.Notices / result.PatientDays).ToString("0.000", CultureInfo.InvariantCulture)} per patient-day)");
        foreach (var (kind, n) in result.NoticesByKind.OrderByDescending(r => r.Value))
        {
            table.AddRow($"  {kind}", Text(n));
        }

        table.AddRow("clock incidents", Text(result.ClockIncidents));
        table.AddRow("batches through roaming hubs (address changes, transport switches)", $"{Text(result.Delivered)} ({Text(result.AddressChanges)}, {Text(result.TransportSwitches)})");
        table.AddRow("clone incidents", Text(result.CloneIncidents));
        console.Write(table);
        var met = result.SuspectRate <= 0.01 && result.ClockIncidents == 0 && result.CloneIncidents == 0;
        console.MarkupLine(met
            ? "[green]Targets met[/]: at most 1 % of a clean fleet's readings Suspect, no clock incidents, no clone incidents."
            : "[red]Targets not met[/]: a clean fleet must have at most 1 % Suspect readings, no clock incidents and no clone incidents.");
        return met ? 0 : 1;
    }

    private static string Text(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
