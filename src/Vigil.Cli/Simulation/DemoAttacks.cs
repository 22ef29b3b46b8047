using System.Globalization;
using Vigil.Platform.Access;
using Vigil.Platform.Queries;
using Vigil.Simulator.Attacks;

namespace Vigil.Cli.Simulation;

/// <summary>
/// The demo's attacker: every minute, the next scripted attack of the lab against the running
/// Vigil, so that the console shows detection live. Its patients join the demo ward.
/// </summary>
internal sealed class DemoAttacks(IAttackTarget target, StaffAdministration staff, StaffDirectory directory, PatientViews patients, TimeProvider time)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The latest attack and its outcome, for the progress display.</summary>
    public string Latest { get; private set; } = "first attack in a minute";

    /// <summary>Attacks run so far, and how many were detected.</summary>
    public (int Run, int Detected) Counts { get; private set; }

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var scenario = AttackCatalog.All[next++ % AttackCatalog.All.Count];
            var at = time.GetLocalNow().ToString("HH:mm", CultureInfo.InvariantCulture);
            try
            {
                await using var session = new AttackSession(target, Bound, cancellationToken);
                var outcome = await scenario.RunAsync(session);
                Counts = (Counts.Run + 1, Counts.Detected + (outcome.Detected ? 1 : 0));
                Latest = outcome.Detected
                    ? $"{at} {scenario.Id}: detected in {outcome.TimeToDetect?.TotalSeconds:0.00} s"
                    : $"{at} {scenario.Id}: NOT detected";
            }
            catch (Exception e) when (e is AttackSetupException or OperationCanceledException or IOException or InvalidOperationException)
            {
                Latest = cancellationToken.IsCancellationRequested ? Latest : $"{at} {scenario.Id}: could not run ({e.Message})";
            }

            await DemoStaff.CareForEveryoneAsync(staff, directory, patients);
        }
    }
}
