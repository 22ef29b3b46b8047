using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Simulator.Transport;

namespace Vigil.Cli.Bench;

/// <summary>One connection of the load: a device's certificate and its batches, sealed in advance.</summary>
/// <param name="Device">The device.</param>
/// <param name="Certificate">Its client certificate with key.</param>
/// <param name="Batches">Its sealed batches, in sending order.</param>
internal sealed record LoadClient(DeviceId Device, X509Certificate2 Certificate, IReadOnlyList<byte[]> Batches);

/// <summary>What one timed phase did.</summary>
/// <param name="Sent">Messages published.</param>
/// <param name="Accepted">Messages acknowledged as the phase counts success.</param>
/// <param name="Elapsed">Wall time of the phase.</param>
/// <param name="LatenciesMs">Publish-to-acknowledgement times of accepted messages, sorted.</param>
/// <param name="Codes">Outcome codes and their counts.</param>
/// <param name="Windows">The p99 and maximum of each consecutive window of the phase, by when the message was sent; empty unless asked for.</param>
internal sealed record LoadResult(int Sent, int Accepted, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyDictionary<string, int> Codes, IReadOnlyList<LatencyWindow> Windows)
{
    public double Rate => Accepted / Elapsed.TotalSeconds;

    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[Math.Min(LatenciesMs.Length - 1, (int)Math.Ceiling(p * LatenciesMs.Length) - 1)];

    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    /// <summary>Several runs as one: counts and times summed, latencies merged, each run one window ending at its given time.</summary>
    public static LoadResult Combine(IReadOnlyList<(LoadResult Run, TimeSpan End)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var codes = runs.SelectMany(r => r.Run.Codes).GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        return new LoadResult(
            runs.Sum(r => r.Run.Sent), runs.Sum(r => r.Run.Accepted), TimeSpan.FromTicks(runs.Sum(r => r.Run.Elapsed.Ticks)),
            [.. runs.SelectMany(r => r.Run.LatenciesMs).Order()], codes,
            [.. runs.Select(r => new LatencyWindow(r.End, r.Run.LatenciesMs.Length, r.Run.Percentile(0.99), r.Run.Max))]);
    }
}

/// <summary>
/// The load: MQTT 5 connections over TLS on loopback, each publishing its pre-sealed batches at
/// QoS 1 with a bounded number in flight, as fast as acknowledgements allow or paced at a rate
/// (each connection at its share of it, the connections' sends staggered).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<List<MqttSender>> ConnectAsync(IEnumerable<X509Certificate2> certificates, int port, X509Certificate2 platformCa, CancellationToken cancellationToken)
    {
        var senders = new ConcurrentBag<MqttSender>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(certificates, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (certificate, token) =>
        {
            var (sender, refusal) = await MqttSender.ConnectAsync("127.0.0.1", port, certificate, platformCa, token);
            if (sender is null)
            {
                failures.Add(refusal);
            }
            else
            {
                senders.Add(sender);
            }
        });
        return failures.IsEmpty
            ? [.. senders]
            : throw new InvalidOperationException($"{failures.Count} connection(s) failed: {failures.First()}");
    }

    public static async Task<LoadResult> RunAsync(
        IReadOnlyList<(MqttSender Sender, LoadClient Client)> connections, int inflight, double? totalRatePerSecond, Func<string, bool> accepted, CancellationToken cancellationToken,
        TimeSpan window = default)
    {
        var latencies = new ConcurrentBag<(double At, double Ms)>();
        var codes = new ConcurrentDictionary<string, int>();
        var sent = 0;
        var started = Stopwatch.GetTimestamp();
        var interval = totalRatePerSecond is { } rate ? TimeSpan.FromSeconds(connections.Count / rate) : TimeSpan.Zero;
        await Task.WhenAll(connections.Select(async (c, k) =>
        {
            // Paced connections are spread evenly over the interval, as independent devices are, rather than sending in step.
            var offset = (double)k / connections.Count;
            using var slots = new SemaphoreSlim(inflight);
            var pending = new List<Task>();
            for (var i = 0; i < c.Client.Batches.Count; i++)
            {
                if (interval > TimeSpan.Zero)
                {
                    var due = started + (long)(interval.TotalSeconds * (i + offset) * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                }

                await slots.WaitAsync(cancellationToken);
                var batch = c.Client.Batches[i];
                Interlocked.Increment(ref sent);
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        var begin = Stopwatch.GetTimestamp();
                        string code;
                        try
                        {
                            code = (await c.Sender.SendAsync(c.Client.Device, batch, cancellationToken)).Code;
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            // No acknowledgement at all (a timeout, a dropped connection): counted, never fatal to the run.
                            code = $"no ack ({e.GetType().Name})";
                        }

                        codes.AddOrUpdate(code, 1, (_, n) => n + 1);
                        if (accepted(code))
                        {
                            latencies.Add((Stopwatch.GetElapsedTime(started, begin).TotalSeconds, Stopwatch.GetElapsedTime(begin).TotalMilliseconds));
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(pending);
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var samples = latencies.ToArray();
        var sorted = samples.Select(s => s.Ms).ToArray();
        Array.Sort(sorted);
        return new LoadResult(sent, sorted.Length, elapsed, sorted, codes, window > TimeSpan.Zero ? LatencyWindow.Split(samples, window) : []);
    }
}
