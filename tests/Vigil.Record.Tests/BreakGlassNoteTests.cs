using System.Text;
using Vigil.Domain.Patients;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>A break-glass review note is sealed under the patient's data key, like the reason: it is read back, and it is not in the record's files.</summary>
public sealed class BreakGlassNoteTests
{
    [Fact]
    public async Task ReviewBreakGlass_Note_IsSealedAtRestAndReadBack()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        var access = fixture.Record.Access;
        Assert.True(await fixture.Record.Registry.AddPatientAsync(PatientId.Parse("p-glass"), "Ada", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken));
        var grant = await access.OpenBreakGlassAsync("dr-night", PatientId.Parse("p-glass"), "hypo alarm, day team unreachable", RecordFixture.Now, RecordFixture.Now.AddHours(1), cancellationToken: TestContext.Current.CancellationToken);
        const string Note = "Justified: the night registrar saw glucose 2.9 mmol/L on the ward monitor";

        Assert.True(await access.ReviewBreakGlassAsync(grant, "analyst-1", Note, RecordFixture.Now.AddHours(2), cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(await access.ReviewBreakGlassAsync(grant, "analyst-2", "again", RecordFixture.Now.AddHours(3), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(Note, (await access.FindBreakGlassAsync(grant, cancellationToken: TestContext.Current.CancellationToken))!.ReviewNote);
        var path = fixture.Database.SqlitePath;
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("night registrar")));
        }
    }
}
