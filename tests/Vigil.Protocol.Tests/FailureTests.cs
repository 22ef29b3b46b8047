using System.Security.Cryptography;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sealing;

namespace Vigil.Protocol.Tests;

/// <summary>Sealed batches refused for who signed them, to whom they are sealed, and the session and sequence they are bound to.</summary>
public sealed class FailureTests
{
    [Fact]
    public void Open_SignedWithAnotherKey_FailsBadSignature()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("victim");
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var forged = BatchSealer.Seal(device.Batch(1), thief, device.KeyId, device.Session);

        Assert.Equal(OpenFailure.BadSignature, platform.Opener.Open(forged).Failure);
    }

    [Fact]
    public void Open_DeviceFromUntrustedMaker_FailsUntrustedChain()
    {
        using var platform = new TestPlatform();
        var rogueMaker = MakerAuthority.Create("Rogue", platform.Time.GetUtcNow().AddDays(-1), TimeSpan.FromDays(100));
        var device = platform.Enroll("rogue-1", rogueMaker);

        Assert.Equal(OpenFailure.UntrustedChain, platform.Opener.Open(device.Seal(1)).Failure);
    }

    [Fact]
    public void Open_ExpiredCertificate_FailsCertificateExpired()
    {
        using var platform = new TestPlatform();
        var now = platform.Time.GetUtcNow();
        var device = platform.Enroll("old-1", notBefore: now.AddDays(-400), notAfter: now.AddDays(-1));

        Assert.Equal(OpenFailure.CertificateExpired, platform.Opener.Open(device.Seal(1)).Failure);
    }

    [Fact]
    public void Open_CertificateNotYetValid_FailsCertificateNotYetValid()
    {
        using var platform = new TestPlatform();
        var now = platform.Time.GetUtcNow();
        var device = platform.Enroll("new-1", notBefore: now.AddDays(2), notAfter: now.AddDays(30));

        Assert.Equal(OpenFailure.CertificateNotYetValid, platform.Opener.Open(device.Seal(1)).Failure);
    }

    [Fact]
    public void Open_KidOfNoEnrolledCertificate_FailsUnknownKeyId()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("kid-1");

        var sealedBatch = BatchSealer.Seal(device.Batch(1), device.Key, RandomNumberGenerator.GetBytes(16), device.Session);

        Assert.Equal(OpenFailure.UnknownKeyId, platform.Opener.Open(sealedBatch).Failure);
    }

    [Fact]
    public void Open_EncryptedToAnotherPlatform_FailsWrongRecipient()
    {
        using var platform = new TestPlatform();
        using var other = new TestPlatform();
        var device = platform.Enroll("wr-1");
        device.Session = SealingSession.Begin(device.Id, other.Recipient, platform.Time.GetUtcNow());

        Assert.Equal(OpenFailure.WrongRecipient, platform.Opener.Open(device.Seal(1)).Failure);
    }

    [Fact]
    public void Open_SignedBatchOfOneDeviceInAnothersSession_FailsBindingMismatch()
    {
        using var platform = new TestPlatform();
        var alice = platform.Enroll("alice");
        var mallory = platform.Enroll("mallory");
        var signedByAlice = BatchSigner.Sign(alice.Batch(5), alice.Key, alice.KeyId, alice.Session);

        var pasted = mallory.Session.Encrypt(signedByAlice, 5);

        Assert.Equal(OpenFailure.BindingMismatch, platform.Opener.Open(pasted).Failure);
    }

    [Fact]
    public void Open_SignedBatchUnderAnotherSequenceNumber_FailsBindingMismatch()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("seq-1");
        var signed = BatchSigner.Sign(device.Batch(5), device.Key, device.KeyId, device.Session);

        Assert.Equal(OpenFailure.BindingMismatch, platform.Opener.Open(device.Session.Encrypt(signed, 6)).Failure);
    }

    [Fact]
    public void Open_CiphertextMovedToAnotherDevicesHeader_FailsDecryption()
    {
        using var platform = new TestPlatform();
        var alice = platform.Enroll("alice");
        var bob = platform.Enroll("bob");
        var fromAlice = EnvelopeCodec.TryDecode(alice.Seal(3), ProtocolLimits.Default).Value!;
        var bobs = EnvelopeCodec.TryDecode(bob.Seal(3), ProtocolLimits.Default).Value!;

        var pasted = EnvelopeCodec.Encode(bobs.ProtectedHeader, fromAlice.Ciphertext);

        Assert.Equal(OpenFailure.DecryptionFailed, platform.Opener.Open(pasted).Failure);
    }

    [Fact]
    public void Open_CiphertextMovedToAnotherSessionOfTheSameDevice_FailsDecryption()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("sess-1");
        var first = EnvelopeCodec.TryDecode(device.Seal(3), ProtocolLimits.Default).Value!;
        device.Session = SealingSession.Begin(device.Id, platform.Recipient, platform.Time.GetUtcNow());
        var second = EnvelopeCodec.TryDecode(device.Seal(3), ProtocolLimits.Default).Value!;

        var pasted = EnvelopeCodec.Encode(second.ProtectedHeader, first.Ciphertext);

        Assert.Equal(OpenFailure.DecryptionFailed, platform.Opener.Open(pasted).Failure);
    }

    [Fact]
    public void Open_KnownSessionIdWithAnotherEphemeralKey_FailsSessionConflict()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("conflict-1");
        Assert.True(platform.Opener.Open(device.Seal(1)).IsSuccess);
        using var otherEphemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        device.Session = SealingSession.Create(device.Id, platform.Recipient, device.Session.SessionId, platform.Time.GetUtcNow(), otherEphemeral);

        Assert.Equal(OpenFailure.SessionConflict, platform.Opener.Open(device.Seal(2)).Failure);
    }

    [Fact]
    public void Open_BatchCreatedLongAfterItsSessionBegan_FailsSessionExpired()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("stale-1");
        platform.Time.Advance(TimeSpan.FromHours(25));

        Assert.Equal(OpenFailure.SessionExpired, platform.Opener.Open(device.Seal(1)).Failure);
    }

    [Fact]
    public void Open_SessionBeyondItsBatchBudget_FailsSessionExpired()
    {
        using var platform = new TestPlatform(ProtocolLimits.Default with { MaxBatchesPerSession = 10 });
        var device = platform.Enroll("budget-1");

        Assert.True(platform.Opener.Open(device.Seal(100)).IsSuccess);
        Assert.True(platform.Opener.Open(device.Seal(109)).IsSuccess);
        Assert.Equal(OpenFailure.SessionExpired, platform.Opener.Open(device.Seal(110)).Failure);
    }
}
