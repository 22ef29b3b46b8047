using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Vigil.Domain.Patients;

namespace Vigil.Domain.Tests.Patients;

public sealed partial class PatientIdTests
{
    [Theory]
    [InlineData("p-1", true)]
    [InlineData("a", true)]
    [InlineData("Z", true)]
    [InlineData("problem-stranger", true)]
    [InlineData("sim-patient-0001", true)]
    [InlineData("t09-3-1a2b3c4d", true)]
    [InlineData("Ward7.Bed_12", true)]
    [InlineData("-leading-dash", true)]
    [InlineData(".", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("with space", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("p@1", false)]
    [InlineData("p?x=1", false)]
    [InlineData("p%2F1", false)]
    [InlineData("pät", false)]
    [InlineData("p\n1", false)]
    public void TryParse_Text_AcceptsOnlyTheAdmittedForm(string? text, bool valid)
    {
        Assert.Equal(valid, PatientId.TryParse(text, out var id));
        Assert.Equal(valid ? text : string.Empty, id.ToString());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    [InlineData(1000, false)]
    public void TryParse_Length_IsOneTo64(int length, bool valid) =>
        Assert.Equal(valid, PatientId.TryParse(new string('p', length), out _));

    [Fact]
    public void Parse_Valid_RoundTripsItsText()
    {
        var id = PatientId.Parse("p-glass");

        Assert.Equal("p-glass", id.Value);
        Assert.Equal("p-glass", id.ToString());
        Assert.Equal(id, PatientId.Parse(id.Value));
    }

    [Fact]
    public void Parse_Invalid_Throws() =>
        Assert.Throws<FormatException>(() => PatientId.Parse("no such/patient"));

    [Fact]
    public void Equality_IsOrdinal() =>
        Assert.NotEqual(PatientId.Parse("p-1"), PatientId.Parse("P-1"));

    [Fact]
    public void Default_HasEmptyText() =>
        Assert.Equal(string.Empty, default(PatientId).ToString());

    [Fact]
    public void TryParse_AnyText_AgreesWithTheAdmittedFormAndRoundTrips() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"], 0, 70], Gen.String[Gen.Char.AlphaNumeric, 60, 70])
            .Sample(text =>
            {
                var parsed = PatientId.TryParse(text, out var id);
                return parsed == AdmittedForm().IsMatch(text) && (!parsed || PatientId.Parse(id.Value) == id && id.Value == text);
            });

    [Fact]
    public void Json_Id_IsWrittenAsItsText() =>
        Assert.Equal("{\"Patient\":\"p-1\"}", JsonSerializer.Serialize(new { Patient = PatientId.Parse("p-1") }));

    [Theory]
    [InlineData("\"p-1\"", true)]
    [InlineData("\"a/b\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("1", false)]
    [InlineData("null", false)]
    public void Json_Read_AcceptsOnlyTheAdmittedForm(string json, bool valid)
    {
        if (valid)
        {
            Assert.Equal(PatientId.Parse("p-1"), JsonSerializer.Deserialize<PatientId>(json));
        }
        else
        {
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PatientId>(json));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AdmittedForm();
}
