using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Identity.Provisioning;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests;

/// <summary>
/// Registering the server reads and writes no file: the data folder is initialised and locked by
/// its startup once the server is built, before its identity opens, and the lock is released when
/// the server is disposed; options out of bounds stop the build before any file is touched.
/// </summary>
public sealed class HostStartupTests : IDisposable
{
    private readonly string _root = Path.Combine(Directory.CreateTempSubdirectory("vigil-startup-").FullName, "data");

    [Fact]
    public async Task Registration_OnANewFolder_TouchesNothing_AndTheServerHoldsTheFolderUntilDisposed()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Vigil:DataFolder"] = _root });

        builder.AddVigilCore().AddVigilIngest().AddVigilGateway().AddVigilApi();

        Assert.False(Directory.Exists(_root));
        var folder = new DataFolder(_root);
        await using (var app = builder.Build())
        {
            app.Services.GetRequiredService<ServerIdentity>();

            Assert.True(folder.IsInitialized);
            Assert.Null(InstanceLock.TryAcquire(folder.LockPath));
        }

        using var released = InstanceLock.TryAcquire(folder.LockPath);
        Assert.NotNull(released);
    }

    [Theory]
    [InlineData("Vigil:MaxMessageBytes", "0")]
    [InlineData("Vigil:HttpsPort", "70000")]
    [InlineData("Vigil:DeviceBurst", "-1")]
    public void Build_OptionOutOfBounds_IsRefusedAndReleasesTheFolder(string key, string value)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => VigilServerBuilder.Build(new Dictionary<string, string?>
        {
            ["Vigil:DataFolder"] = _root,
            [key] = value,
        }));

        Assert.Contains(key["Vigil:".Length..], refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
}
