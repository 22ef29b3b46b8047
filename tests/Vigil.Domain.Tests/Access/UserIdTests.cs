using System.Text.RegularExpressions;
using CsCheck;
using Vigil.Domain.Access;

namespace Vigil.Domain.Tests.Access;

public sealed partial class UserIdTests
{
    [Theory]
    [InlineData("dr-problem", true)]
    [InlineData("ann", true)]
    [InlineData("A", true)]
    [InlineData("ann.lee@ward7.example", true)]
    [InlineData("analyst_2", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("ann lee", false)]
    [InlineData("ann/lee", false)]
    [InlineData("ann:lee", false)]
    [InlineData("ann+tag@example", false)]
    [InlineData("änn", false)]
    public void TryParse_Text_AcceptsOnlyTheAccountForm(string? text, bool valid)
    {
        Assert.Equal(valid, UserId.TryParse(text, out var id));
        Assert.Equal(valid ? text : string.Empty, id.ToString());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void TryParse_Length_IsOneTo64(int length, bool valid) =>
        Assert.Equal(valid, UserId.TryParse(new string('u', length), out _));

    [Fact]
    public void Parse_Valid_RoundTripsItsText()
    {
        var id = UserId.Parse("dr-ann@ward7");

        Assert.Equal("dr-ann@ward7", id.Value);
        Assert.Equal(id, UserId.Parse(id.ToString()));
    }

    [Fact]
    public void Parse_Invalid_Throws() =>
        Assert.Throws<FormatException>(() => UserId.Parse("no one"));

    [Fact]
    public void TryParse_AnyText_AgreesWithTheAccountForm() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-"], 0, 70])
            .Sample(text => UserId.TryParse(text, out var id) == AccountForm().IsMatch(text) && (id.Value is null || id.Value == text));

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex AccountForm();
}
