using MQTTnet.Protocol;
using Vigil.Protocol;
using Vigil.Server.Gateway;
using Vigil.Server.Http;

namespace Vigil.Server.Tests;

/// <summary>
/// The catalogue of outcome codes (<see cref="Outcomes"/>) and the "Codes" table of
/// docs/gateway.md agree both ways: every catalogued code is documented once, with the same kind,
/// meaning, PUBACK and CONNACK reason codes and HTTP status, and every documented code is
/// catalogued. The gateway's own mappings (PUBACK, CONNACK, HTTP status, strikes) answer each code
/// as the table says, and the table names each reason code as MQTT 5 (MQTTnet) does.
/// </summary>
public sealed class OutcomeCatalogueTests
{
    private static readonly IReadOnlyList<DocumentedCode> Documented =
        DocumentedCode.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "gateway.md")));

    public static TheoryData<string> CatalogueCodes() => [.. Outcomes.All.Select(o => o.Code)];

    public static TheoryData<string> DocumentedCodes() => [.. Documented.Select(d => d.Code)];

    [Fact]
    public void CodesTable_ListsEachCodeOnce()
    {
        Assert.NotEmpty(Documented);
        Assert.Empty(Documented.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Outcomes.All.GroupBy(o => o.Code).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Theory]
    [MemberData(nameof(CatalogueCodes))]
    public void CatalogueCode_IsDocumentedAsCatalogued(string code)
    {
        var outcome = Outcomes.Find(code)!;
        var row = Documented.SingleOrDefault(d => d.Code == code);

        Assert.True(row is not null, $"`{code}` is catalogued but not in the Codes table of docs/gateway.md");
        Assert.Equal(outcome.Kind.ToString().ToLowerInvariant(), row.Kind);
        Assert.Equal(outcome.Meaning, row.Meaning);
        Assert.Equal(outcome.PubAckReason, row.PubAck?.Value);
        Assert.Equal(outcome.ConnAckReason, row.ConnAck?.Value);
        Assert.Equal(outcome.HttpStatus, row.HttpStatus);
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void DocumentedCode_IsCatalogued(string code) =>
        Assert.True(Outcomes.Find(code) is not null, $"docs/gateway.md documents `{code}`, which the catalogue does not hold");

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void DocumentedCode_IsAnsweredAsDocumented(string code)
    {
        var row = Documented.Single(d => d.Code == code);

        // A code with no reason or status at a level is never answered there; the gateway's fallback is then NotAuthorized or 403.
        Assert.Equal(row.PubAck?.Value ?? (byte)MqttPubAckReasonCode.NotAuthorized, (byte)MqttReasons.PubAck(code));
        Assert.Equal(row.ConnAck?.Value ?? (byte)MqttConnectReasonCode.NotAuthorized, (byte)MqttReasons.ConnAck(code));
        Assert.Equal(row.HttpStatus ?? (int)System.Net.HttpStatusCode.Forbidden, IngestEndpoints.Status(code));
        Assert.Equal(row.Kind == "attack", HoldOffList.Strikes(code));
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void DocumentedReasons_AreNamedAsMqtt5NamesThem(string code)
    {
        var row = Documented.Single(d => d.Code == code);

        if (row.PubAck is { } pubAck)
        {
            Assert.True(Enum.IsDefined((MqttPubAckReasonCode)pubAck.Value), $"0x{pubAck.Value:X2} is no PUBACK reason code");
            Assert.Equal(((MqttPubAckReasonCode)pubAck.Value).ToString(), pubAck.Name);
        }

        if (row.ConnAck is { } connAck)
        {
            Assert.True(Enum.IsDefined((MqttConnectReasonCode)connAck.Value), $"0x{connAck.Value:X2} is no CONNACK reason code");
            Assert.Equal(((MqttConnectReasonCode)connAck.Value).ToString(), connAck.Name);
        }
    }

    [Fact]
    public void TopicDenied_RefusesASubscriptionWithItsPubAckReason() =>
        Assert.Equal(Outcomes.TopicDenied.PubAckReason, (byte)MqttReasons.SubAck(Outcomes.TopicDenied.Code));
}
