using System.Diagnostics;
using Vigil.Identity.Keys;

namespace Vigil.Tests.Shared;

/// <summary>
/// SoftHSM2 tokens for the PKCS#11 tests. SoftHSM reads its configuration and finds its tokens
/// once per process, when the module is first initialised; so a test process makes all its tokens
/// first, in one token folder, and each test takes an empty one of its own.
/// </summary>
public static class SoftHsm
{
    public const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pin = "4417";
    private const int Tokens = 24;

    private static readonly Lazy<string[]> Pool = new(Configure);
    private static int s_next = -1;

    /// <summary>An empty token of this test's own; its settings name it.</summary>
    public static Pkcs11Settings NewToken()
    {
        var pool = Pool.Value;
        var next = Interlocked.Increment(ref s_next);
        Assert.True(next < pool.Length, $"The test process asked for more than {pool.Length} SoftHSM tokens.");
        return new Pkcs11Settings(Module, pool[next]);
    }

    private static class NativeEnvironment
    {
        [System.Runtime.InteropServices.DllImport("libc", CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        internal static extern int setenv(string name, string value, int overwrite);
    }

    private static void InitToken(string configuration, string label)
    {
        var start = new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", label, "--pin", Pin, "--so-pin", "5678"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SOFTHSM2_CONF"] = configuration;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
    }

    private static string[] Configure()
    {
        Assert.True(File.Exists(Module), "SoftHSM2 is not installed (apt-get install softhsm2); ./test.sh installs it.");
        var folder = Directory.CreateTempSubdirectory("vigil-softhsm-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "tokens"));
        var path = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(path, $"directories.tokendir = {Path.Combine(folder, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        var labels = Enumerable.Range(0, Tokens).Select(i => $"vigil-test-{i}").ToArray();
        foreach (var label in labels)
        {
            InitToken(path, label);
        }

        // SoftHSM reads getenv() natively; .NET's Environment.SetEnvironmentVariable changes only its own copy.
        Assert.Equal(0, NativeEnvironment.setenv("SOFTHSM2_CONF", path, 1));
        return labels;
    }
}
