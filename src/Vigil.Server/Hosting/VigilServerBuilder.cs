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
    /// <summary>
    /// Options, the data folder's startup (initialisation and lock, <see cref="DataFolderStartup"/>),
    /// identity, and the platform over the record (<see cref="VigilPlatform.AddVigilPlatform(IServiceCollection, Func{IServiceProvider, DataFolder}, Func{IServiceProvider, RecordStore}, Platform.Access.IStaffPasswords)"/>).
    /// Registration reads no file: the folder is prepared when the server starts.
    /// </summary>
    public static WebApplicationBuilder AddVigilCore(this WebApplicationBuilder builder) => builder.AddVigilCore(BenchReference.None);

    private static WebApplicationBuilder AddVigilCore(this WebApplicationBuilder builder, BenchReference reference)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeploymentOptions>().BindConfiguration(DeploymentOptions.Section);
        builder.Services.AddOptions<LedgerCheckpointOptions>().BindConfiguration(DeploymentOptions.Section);
        builder.Services.AddSingleton<DataFolderStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataFolderStartup>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            sp.GetRequiredService<DataFolderStartup>().Open();
            return new ServerIdentity(sp.GetRequiredService<DataFolder>(), Environment.GetEnvironmentVariable(FileKeyStore.PassphraseVariable));
        });
        builder.Services.AddVigilPlatform(
            sp => new DataFolder(sp.GetRequiredService<IOptions<DeploymentOptions>>().Value.DataFolder),
            sp =>
            {
                var identity = sp.GetRequiredService<ServerIdentity>();
                var store = sp.GetRequiredService<IOptions<DeploymentOptions>>().Value.Store;
                return RecordStore.Open(
                    RecordDatabase.Connect(store ?? identity.Folder.ReadStore(), identity.Folder.RecordPath), identity.Keys, sp.GetRequiredService<TimeProvider>());
            },
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
        builder.Services.AddOptions<SiloPortOptions>().BindConfiguration(DeploymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Localhost clustering takes its ports while the silo is configured, before any container
        // exists: the one place the ports are read from configuration rather than the options.
        var silo = builder.Configuration.GetSection(DeploymentOptions.Section).Get<SiloPortOptions>() ?? new SiloPortOptions();
        builder.UseOrleans(orleans => orleans.UseLocalhostClustering(silo.SiloPort, silo.OrleansGatewayPort));
        return builder;
    }

    /// <summary>The gateway: client authentication, micro-segmentation and limits, the MQTT broker and HTTPS.</summary>
    public static WebApplicationBuilder AddVigilGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ListenerOptions>().BindConfiguration(DeploymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GatewayLimitOptions>().BindConfiguration(DeploymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var listener = kestrel.ApplicationServices.GetRequiredService<IOptions<ListenerOptions>>().Value;
            var limits = kestrel.ApplicationServices.GetRequiredService<IOptions<GatewayLimitOptions>>().Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxMessageBytes + 1;
            var tls = kestrel.ApplicationServices.GetRequiredService<ServerIdentity>().TlsCertificate;
            var gateway = kestrel.ApplicationServices.GetRequiredService<IngestGateway>();
            var httpsLimit = new SourceConnectionLimit(limits.MaxConnectionsPerSource, (address, count) =>
                gateway.Refuse(null, $"https {address}", null, Outcomes.TooManyConnections.Code, $"{count} connections from {address}; the limit is {limits.MaxConnectionsPerSource}"));
            kestrel.Listen(IPAddress.Parse(listener.ListenAddress), listener.HttpsPort, listen =>
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
            kestrel.Listen(IPAddress.Parse(listener.ListenAddress), listener.MqttPort, listen =>
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
        builder.AddVigilAuthentication();
        builder.Services.AddSingleton<OperatorToken>();
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
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> overrides, BenchReference reference)
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

        // Checked here so that options out of bounds, a folder another server holds, or a record
        // that cannot open (unreachable database, missing key) stop the start here: the options
        // first, before any file is touched; then opening the record runs the data folder's startup
        // (DataFolderStartup), whose lock the container releases when the server is disposed.
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            if (Refusal(app.Services.GetRequiredService<RecordStore>().Profile, reference) is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }

            app.UseMqttServer(app.Services.GetRequiredService<MqttGateway>().Attach);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
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

    /// <summary>The options of one feature in force (<see cref="ListenerOptions"/>, <see cref="DeploymentOptions"/>, ...).</summary>
    public static T Options<T>(this WebApplication app)
        where T : class =>
        app.Services.GetRequiredService<IOptions<T>>().Value;
}
