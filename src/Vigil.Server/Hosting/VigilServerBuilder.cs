using System.Net;
using MQTTnet.AspNetCore;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Platform;
using Vigil.Platform.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Live;
using Vigil.Platform.Patients;
using Vigil.Protocol;
using Vigil.Protocol.Opening;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Record.Storage;
using Vigil.Server.Access;
using Vigil.Server.Gateway;
using Vigil.Server.Http;
using Vigil.Server.Witnessing;

namespace Vigil.Server.Hosting;

/// <summary>The registrations of <c>vigil serve</c>, one method per area.</summary>
public static class VigilServerBuilder
{
    /// <summary>Options, data folder lock, identity, and the platform over the record (<see cref="VigilPlatform.AddVigilPlatform"/>).</summary>
    public static WebApplicationBuilder AddVigilCore(this WebApplicationBuilder builder) => builder.AddVigilCore(BenchReference.None);

    private static WebApplicationBuilder AddVigilCore(this WebApplicationBuilder builder, BenchReference reference)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<VigilServerOptions>().BindConfiguration(VigilServerOptions.Section);
        var options = builder.Configuration.GetSection(VigilServerOptions.Section).Get<VigilServerOptions>() ?? new VigilServerOptions();
        var folder = new DataFolder(options.DataFolder);
        folder.Initialize(TimeProvider.System, Environment.GetEnvironmentVariable("VIGIL_KEY_PASSPHRASE"));
        var instanceLock = InstanceLock.TryAcquire(folder.LockPath)
            ?? throw new InstanceLockedException($"Another Vigil server is already running on {folder.Root}.");
        builder.Services.AddSingleton(_ => instanceLock);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ServerIdentity(folder, Environment.GetEnvironmentVariable("VIGIL_KEY_PASSPHRASE")));
        builder.Services.AddVigilPlatform(
            folder,
            sp => RecordStore.Open(
                RecordDatabase.Connect(options.Store ?? folder.ReadStore(), folder.RecordPath), sp.GetRequiredService<ServerIdentity>().Keys,
                sp.GetRequiredService<TimeProvider>()),
            StaffPasswordHasher.Instance);
        builder.Services.AddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<ServerIdentity>();
            return new CheckpointSigner(sp.GetRequiredService<ILedger>(), identity.Keys, identity.SigningCertificate, sp.GetRequiredService<TimeProvider>());
        });
        builder.AddVigilWitnessing();
        builder.Services.AddHostedService<LedgerCheckpoints>();
        return builder;
    }

    /// <summary>The ingest pipeline: the registry cache's loader, opener, receipts, and the Orleans silo hosting the device actors.</summary>
    public static WebApplicationBuilder AddVigilIngest(this WebApplicationBuilder builder) => builder.AddVigilIngest(BenchReference.None);

    private static WebApplicationBuilder AddVigilIngest(this WebApplicationBuilder builder, BenchReference reference)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<RegistryCacheLoader>();
        builder.Services.AddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<ServerIdentity>();
            return new BatchOpener(
                [new PlatformRecipient(identity.Keys, PlatformKeyNames.Ingest, identity.IngestCertificate)],
                sp.GetRequiredService<RegistryCache>(), identity.Makers, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<ServerIdentity>();
            return new ReceiptSigner(identity.Keys, identity.SigningCertificate);
        });
        builder.Services.AddSingleton(new IngestOptions { Verification = reference != BenchReference.Unverified });
        builder.Services.AddSingleton<IngestServices>();
        builder.Services.AddSingleton<PatientServices>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<GrainPatientChannel>();
        builder.Services.AddSingleton<IPatientChannel>(sp => new LivePatientChannel(sp.GetRequiredService<GrainPatientChannel>(), sp.GetRequiredService<LiveFeed>()));
        var options = builder.Configuration.GetSection(VigilServerOptions.Section).Get<VigilServerOptions>() ?? new VigilServerOptions();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(options.SiloPort, options.OrleansGatewayPort));
        return builder;
    }

    /// <summary>The gateway: client authentication, micro-segmentation and limits, the MQTT broker and HTTPS.</summary>
    public static WebApplicationBuilder AddVigilGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<ServerIdentity>();
            return new ClientAuthenticator(sp.GetRequiredService<RegistryCache>(), identity.Makers, identity.PlatformCa, sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<IngestGateway>();
        builder.Services.AddSingleton<MqttGateway>();
        // A connection that has not sent its CONNECT within the communication timeout is closed: ten
        // seconds, not MQTTnet's hundred, so a silent or half-sent CONNECT holds a connection no longer.
        builder.Services.AddHostedMqttServer(mqtt => mqtt.WithoutDefaultEndpoint().WithPersistentSessions(false).WithMaxPendingMessagesPerClient(100)
            .WithDefaultCommunicationTimeout(MqttGateway.CommunicationTimeout));
        builder.Services.AddMqttConnectionHandler();
        builder.Services.AddConnections();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Http.Api.ProblemCodes.Complete);
        builder.Services.AddExceptionHandler<RecordIntegrityHandler>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(VigilServerOptions.Section).Get<VigilServerOptions>() ?? new VigilServerOptions();
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxMessageBytes + 1;
            var tls = kestrel.ApplicationServices.GetRequiredService<ServerIdentity>().TlsCertificate;
            var gateway = kestrel.ApplicationServices.GetRequiredService<IngestGateway>();
            var httpsLimit = new SourceConnectionLimit(options.MaxConnectionsPerSource, (address, count) =>
                gateway.Refuse(null, $"https {address}", null, Outcomes.TooManyConnections.Code, $"{count} connections from {address}; the limit is {options.MaxConnectionsPerSource}"));
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.HttpsPort, listen =>
            {
                listen.Use(httpsLimit.Middleware);
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                });
            });

            // MQTT over TLS: client certificates are required here and judged at CONNECT, where a refusal can carry a reason code.
            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.MqttPort, listen =>
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.AllowAnyClientCertificate();
                    https.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
                });
                var mqtt = kestrel.ApplicationServices.GetRequiredService<MqttGateway>();
                static System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate(Microsoft.AspNetCore.Connections.ConnectionContext connection) =>
                    connection.Features.Get<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>()?.ClientCertificate;
                listen.Use(MqttPacketSizeGuard.Create(
                    mqtt.MaxPacketBytes,
                    (connection, size) => mqtt.PacketTooLarge(connection.RemoteEndPoint, Certificate(connection), size),
                    connection => mqtt.BeforeMqttAsync(connection.RemoteEndPoint, Certificate(connection), connection.ConnectionClosed),
                    (connection, first) => mqtt.ForbiddenPacket(connection.RemoteEndPoint, Certificate(connection), first),
                    connection => mqtt.Ended(connection.RemoteEndPoint, Certificate(connection))));
                listen.UseMqtt();
            });
        });
        return builder;
    }

    /// <summary>The HTTP API: sign-in, sessions and tokens, roles and the patient gate, and break-glass.</summary>
    public static WebApplicationBuilder AddVigilApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(VigilServerOptions.Section).Get<VigilServerOptions>() ?? new VigilServerOptions();
        builder.AddVigilAuthentication(new DataFolder(options.DataFolder));
        builder.Services.AddSingleton<OperatorToken>();
        builder.Services.AddSingleton<BreakGlassDesk>();
        return builder;
    }

    /// <summary>The console: Razor Pages for clinicians, analysts and administrators, every page behind sign-in but the sign-in page.</summary>
    public static WebApplicationBuilder AddVigilConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        }).AddApplicationPart(typeof(VigilServerBuilder).Assembly);
        return builder;
    }

    /// <summary>Metrics: Vigil's meter and the runtime's, exposed for Prometheus at <c>/metrics</c>.</summary>
    public static WebApplicationBuilder AddVigilMetrics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Platform.VigilMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Builds the whole server from configuration (appsettings, environment, then <paramref name="overrides"/>):
    /// every protection on, on a clinical record only.
    /// </summary>
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> overrides) => Build(overrides, BenchReference.None);

    /// <summary>Builds a benchmark's reference server (or, with <see cref="BenchReference.None"/>, the whole Vigil).</summary>
    internal static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> overrides, BenchReference reference)
    {
        // Configuration files are read once: a reload-on-change watcher on the working folder would
        // wake on every write there (the record's WAL when the data folder lies below it).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Vigil", LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore.DataProtection.Repositories", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.AddVigilCore(reference).AddVigilIngest(reference).AddVigilGateway().AddVigilApi().AddVigilConsole().AddVigilMetrics();
        var app = builder.Build();

        // Resolved so that the container owns the lock and releases it when the server is disposed,
        // and so that a record that cannot open (unreachable database, missing key) stops the start here.
        app.Services.GetRequiredService<InstanceLock>();
        try
        {
            if (Refusal(app.Services.GetRequiredService<RecordStore>().Profile, reference) is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMqttServer(app.Services.GetRequiredService<MqttGateway>().Attach);
        app.Use(Dashboard.ConsoleHeaders.ApplyAsync);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "console")),
            RequestPath = "/console",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapIngestEndpoints();
        app.MapSessionEndpoints();
        app.MapPatientEndpoints();
        app.MapAlertEndpoints();
        app.MapSecurityEndpoints();
        app.MapAdminEndpoints();
        app.MapLedgerEndpoints();
        app.MapLiveEndpoints();
        app.MapRazorPages();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    // vigil serve serves clinical records, whole; a reference server only a benchmark's own record.
    private static string? Refusal(RecordProfile profile, BenchReference reference) => (reference, profile) switch
    {
        (BenchReference.None, { Purpose: RecordPurpose.Clinical }) => null,
        (BenchReference.None, _) => "this record was made by vigil bench for a reference run; vigil serve serves clinical records only",
        (_, { Purpose: RecordPurpose.Clinical }) => "a benchmark's reference server runs only on a record the benchmark made for it, never on a clinical record",
        (BenchReference.Unprotected, { Protected: true }) => "the reference without encryption at rest and the ledger needs a record made without them",
        (BenchReference.Unverified, { Protected: false }) => "the reference without verification needs a protected record",
        _ => null,
    };

    /// <summary>The options in force.</summary>
    public static VigilServerOptions Options(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<VigilServerOptions>>().Value;
}
