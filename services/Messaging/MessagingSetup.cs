using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Authentication;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace UnionPlatform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <paramref name="connectionName"/>, an amqp:// URI): kebab-case
    /// endpoints, publisher confirms, retries with intervals then the _error queue, prefetch from configuration,
    /// and the outbox relay for <typeparamref name="TContext"/>. Queues are named "{serviceName}-{consumer}".
    /// </summary>
    public static IHostApplicationBuilder AddUnionMessaging<TContext>(this IHostApplicationBuilder builder,
        string connectionName, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
        where TContext : DbContext, IOutboxDbContext
    {
        var section = builder.Configuration.GetSection(MessagingOptions.Section);
        builder.Services.Configure<MessagingOptions>(section);
        var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
        var uri = new Uri(builder.Configuration.GetConnectionString(connectionName)
                          ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} (an amqp:// URI) is not configured."));

        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(sp => new ConsumerGate(sp.GetService<UnionPlatform.Messaging.Data.ConnectionBudget>()));
        builder.Services.AddSingleton<OutboxStatus<TContext>>();
        builder.Services.AddSingleton(sp => new OutboxPublisher(uri, serviceName, TimeSpan.FromSeconds(options.HeartbeatSeconds),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxPublisher>>()));
        builder.Services.AddSingleton<OutboxRelay<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        builder.Services.AddSingleton<OutboxMonitor<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxMonitor<TContext>>());
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck<TContext>>("outbox", tags: ["ready"]);
        builder.Services.AddSingleton<DeadLetters>(_ => new DeadLetters(uri));
        builder.Services.AddSingleton<ErrorQueueWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErrorQueueWatch>());
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ErrorQueueWatch>());

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are prefixed with the service, so two services' consumers of one event never share a queue.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit 8.5 reports the platform's shape to masstransit.io by default: a city system calls nobody home.
            bus.DisableUsageTelemetry();
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var (user, password) = Credentials(uri);
                var tls = string.Equals(uri.Scheme, "amqps", StringComparison.OrdinalIgnoreCase);
                rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port), VirtualHost(uri), h =>
                {
                    h.Username(user);
                    h.Password(password);
                    h.PublisherConfirmation = true;
                    // A connection whose broker went silent (a black-holed network) is closed after two missed
                    // heartbeats, and MassTransit reconnects: without them a consumer could wait on it forever.
                    h.Heartbeat(TimeSpan.FromSeconds(options.HeartbeatSeconds));
                    // amqps:// means TLS, verified against the host name: never fall back to plain text.
                    if (tls) h.UseSsl(ssl =>
                    {
                        ssl.ServerName = uri.Host;
                        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                    });
                });
                rabbit.PrefetchCount = options.PrefetchCount;
                if (options.ConcurrentMessageLimit is { } limit) rabbit.ConcurrentMessageLimit = limit;
                // No delayed-exchange plugin here (see PLATFORM-NOTES), so in-process intervals, then _error.
                rabbit.UseMessageRetry(r => r.Intervals(options.RetryIntervalsMs));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>A batch consumer: up to 100 messages per transaction; MassTransit raises the endpoint's prefetch to match.</summary>
    public static void Batched<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(100).SetTimeLimit(TimeSpan.FromMilliseconds(50)));

    internal static (string User, string Password) Credentials(Uri uri)
    {
        var parts = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0 ? (parts[0], parts[1]) : ("guest", "guest");
    }

    internal static string VirtualHost(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }
}
