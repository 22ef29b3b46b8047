using Spectre.Console;
using Vigil.Simulator.Fleet;

namespace Vigil.Cli.Simulation;

/// <summary>Shows a fleet's counts live while it runs (a redrawn table on a terminal, a line every few seconds otherwise).</summary>
internal static class FleetProgress
{
    public static async Task ShowAsync(IAnsiConsole console, FleetStats stats, Task run, Func<string>? more = null)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Live(Table(stats, more)).StartAsync(async live =>
            {
                while (!run.IsCompleted)
                {
                    live.UpdateTarget(Table(stats, more));
                    await Task.WhenAny(run, Task.Delay(500));
                }

                live.UpdateTarget(Table(stats, more));
            });
        }
        else
        {
            string? last = null;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(5000));
                console.WriteLine(Line(stats));
                if (more?.Invoke() is { } extra && extra != last)
                {
                    console.WriteLine(last = extra);
                }
            }
        }

        await run;
        console.MarkupLine("[green]Simulation stopped.[/] " + Markup.Escape(Line(stats)));
    }

    public static string Line(FleetStats stats) =>
        $"sim time {stats.SimulatedNow:yyyy-MM-dd HH:mm}; sealed {stats.Sealed}, stored {stats.Stored} ({stats.Readings} readings), duplicates {stats.Duplicates}, "
        + $"refused {stats.Refused.Values.Sum()}{Refusals(stats)}; hubs connected {stats.RelaysConnected}, offline {stats.RelaysOffline}, buffered {stats.Buffered}; {Roaming(stats)}";

    /// <summary>How the relays roamed: address changes, addresses used, transport switches, batches stored by HTTPS.</summary>
    public static string Roaming(FleetStats stats) =>
        $"roamed {stats.AddressChanges} times across {stats.Addresses.Count} addresses, switched transport {stats.TransportSwitches} times, {stats.StoredBy.GetValueOrDefault("https")} batches by HTTPS";

    private static string Refusals(FleetStats stats) =>
        stats.Refused.IsEmpty ? string.Empty : " (" + string.Join(", ", stats.Refused.Select(r => $"{r.Key} {r.Value}")) + ")";

    private static Table Table(FleetStats stats, Func<string>? more)
    {
        var table = new Table().Title("Vigil fleet").AddColumns("measure", "value");
        table.AddRow("simulated time", stats.SimulatedNow.ToString("yyyy-MM-dd HH:mm:ss"));
        table.AddRow("batches sealed", stats.Sealed.ToString("N0"));
        table.AddRow("[green]stored (acked)[/]", $"{stats.Stored:N0} batches, {stats.Readings:N0} readings");
        table.AddRow("duplicates acked", stats.Duplicates.ToString("N0"));
        table.AddRow("[yellow]refused[/]", stats.Refused.IsEmpty ? "0" : Markup.Escape(string.Join(", ", stats.Refused.Select(r => $"{r.Key}: {r.Value}"))));
        table.AddRow("hubs connected / offline", $"{stats.RelaysConnected} / {stats.RelaysOffline}");
        table.AddRow("batches buffered in hubs", stats.Buffered.ToString("N0"));
        table.AddRow("hubs roaming", Markup.Escape(Roaming(stats)));
        if (more is not null)
        {
            table.AddRow("[red]attacks[/]", Markup.Escape(more()));
        }

        return table;
    }
}
