namespace Vigil.Tests.Shared;

/// <summary>Waits for a condition with a bound, never for a fixed time.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(condition, () => what, within);

    /// <summary>Waits for a condition; <paramref name="what"/> describes it, with the state it last saw, when it times out.</summary>
    public static async Task TrueAsync(Func<bool> condition, Func<string> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what()}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a condition that takes I/O to check (a request, a child process), checking again every 200 ms.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits for a condition that takes I/O to check; <paramref name="what"/> describes it, with the state it last saw, when it times out.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? within = null) =>
        TrueAsync(condition, () => Task.FromResult(what()), within);

    /// <summary>Waits for a condition that takes I/O to check; <paramref name="what"/> describes it, with the state it last saw, when it times out.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<Task<string>> what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {await what()}.");
            }

            await Task.Delay(50);
        }
    }
}
