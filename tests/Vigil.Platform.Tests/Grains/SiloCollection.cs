namespace Vigil.Platform.Tests.Grains;

/// <summary>The tests that share one silo; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "orleans silo";
}
