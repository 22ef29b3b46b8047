namespace Vigil.Tests.Shared;

/// <summary>The databases a contract test runs against, as theory data.</summary>
public static class Stores
{
    public static TheoryData<StoreKind> All => [StoreKind.Sqlite, StoreKind.Postgres];
}
