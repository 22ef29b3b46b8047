using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Vigil.Record.Benchmarks.Ledger;

// Each benchmark class sets a fast path of the record beside the plain path it replaces (the
// baseline): the Ratio column is what the fast path gains, measured in the same run.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(12))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Sha256Benchmarks).Assembly).Run(args, config);
