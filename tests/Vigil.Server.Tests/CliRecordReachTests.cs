using System.Reflection;

namespace Vigil.Server.Tests;

/// <summary>
/// The <c>vigil</c> command reaches the record only through Platform (issue 14), by the rule
/// <see cref="RecordReachTests"/> applies to the server (<see cref="RecordReach"/>): its verbs open
/// a <c>PlatformSession</c> and call the use cases and query services there. The allowance names,
/// one member at a time, what still refers to a store, in two groups with their reasons; an
/// entry that no longer refers to one is refused too, so the allowance shrinks with the code.
/// </summary>
public sealed class CliRecordReachTests
{
    // Opening the record: the CLI's composition root, which creates or opens the database and hands
    // it to a platform session.
    private static readonly string[] Composition =
    [
        "Vigil.Cli.Commands.InitCommand.Create",
        "Vigil.Cli.Commands.RecordAccess.Open",
        "Vigil.Cli.Commands.RecordAccess.OpenPlatform",
        "Vigil.Cli.Commands.RecordAccess.OpenPlatformWithoutKeys",
        "Vigil.Cli.Commands.RecordAccess.OpenWithoutKeys",
        "Vigil.Cli.Commands.RecordAccess.Session",
    ];

    // Measuring and judging the record itself: the benchmarks fill and time the stores below the
    // platform, and the attack lab's scorecard reads what the record holds to judge whether an attack
    // was caught, as an auditor would, beside the platform it attacks.
    private static readonly string[] Instruments =
    [
        "Vigil.Cli.Attacks.AttackScorecard.FalseAlarmsAsync",
        "Vigil.Cli.Attacks.AttackScorecard.RunAsync",
        "Vigil.Cli.Attacks.RecordAttackTarget..ctor",
        "Vigil.Cli.Attacks.RecordAttackTarget.ObserveAsync",
        "Vigil.Cli.Attacks.RecordAttackTarget.RevokeAsync",
        "Vigil.Cli.Attacks.RecordAttackTarget._record",
        "Vigil.Cli.Bench.AuditBench.AuditAsync",
        "Vigil.Cli.Bench.AuditBench.FillAsync",
        "Vigil.Cli.Bench.AuditBench.RunAsync",
        "Vigil.Cli.Bench.HostileBench.RunInFolderAsync",
        "Vigil.Cli.Bench.BenchServer.EnrollAsync",
        "Vigil.Cli.Bench.IngestBench.RunInFolderAsync",
        "Vigil.Cli.Commands.AttackCommand.Run",
    ];

    [Fact]
    public void CliTypes_OutsideTheAllowance_ReferToNoRecordStore()
    {
        var cli = Assembly.Load("vigil");
        var allowed = Composition.Concat(Instruments).ToHashSet(StringComparer.Ordinal);
        var found = cli.GetTypes().Where(t => t.DeclaringType is null).SelectMany(RecordReach.In).ToList();

        var offenders = found.Where(f => !allowed.Contains(f.Member)).Select(f => $"{f.Member} refers to {f.Store.Name}").Distinct().Order(StringComparer.Ordinal).ToList();
        var stale = allowed.Where(a => !found.Any(f => f.Member == a)).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(found);
        Assert.True(offenders.Count == 0, "read and write the record through Vigil.Platform's use cases and queries, not its stores:\n" + string.Join('\n', offenders));
        Assert.True(stale.Count == 0, "these no longer refer to a store; take them out of the allowance:\n" + string.Join('\n', stale));
    }
}
