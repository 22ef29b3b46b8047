using BenchmarkDotNet.Reports;

namespace Vigil.Protocol.Benchmarks;

/// <summary>
/// Prints what the targets are stated in: Open against the crypto floor measured in the same
/// run (verify + decrypt of the same sizes), and ECG samples opened per second on one core.
/// </summary>
internal static class RatioReport
{
    private const int EcgSamplesPerBatch = 2500;

    public static void Print(Summary summary, TextWriter output)
    {
        var byKind = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .GroupBy(r => r.BenchmarkCase.Parameters["Kind"]?.ToString() ?? "?");
        foreach (var group in byKind)
        {
            double Mean(string method) => group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method).ResultStatistics!.Mean;
            var floor = Mean(nameof(SealOpenBenchmarks.ReferenceVerify)) + Mean(nameof(SealOpenBenchmarks.ReferenceDecrypt));
            var open = Mean(nameof(SealOpenBenchmarks.Open));
            output.WriteLine(
                $"{group.Key}: Open {open / 1000:F1} us; floor (verify + decrypt) {floor / 1000:F1} us; ratio {open / floor:F2}; Seal {Mean(nameof(SealOpenBenchmarks.Seal)) / 1000:F1} us");
            if (group.Key.Contains("Ecg", StringComparison.Ordinal))
            {
                output.WriteLine($"{group.Key}: {EcgSamplesPerBatch / (open / 1e9) / 1e6:F2} million samples opened per second on one core");
            }
        }
    }
}
