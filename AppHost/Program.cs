using UnionPlatform.AppHost;
using UnionPlatform.AppHost.Infrastructure;
using UnionPlatform.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

// Containers when a container engine answers, else local processes (eng/postgres.sh, eng/rabbitmq.sh).
// Config Infrastructure:Mode = auto | containers | local. Decided before any resource exists.
var mode = builder.GetInfrastructureMode();

// One PostgreSQL server, one database per service; one RabbitMQ.
var postgres = builder.AddUnionPostgres(ResourceNames.Postgres, mode);
var membershipDb = postgres.AddDatabase(ResourceNames.MembershipDb);
var hardshipDb = postgres.AddDatabase(ResourceNames.HardshipDb);
var messaging = builder.AddUnionRabbitMq(ResourceNames.Messaging, mode);

var devSigningKey = builder.AddDevSigningKey(); // production: Auth__Authority on each service instead
var devPersonalDataKeys = builder.AddDevPersonalDataKeys(); // production: PersonalData__* from a vault

var membership = builder.AddProject<Projects.Membership>(ResourceNames.Membership)
    .WithPlatformDefaults(devSigningKey)
    .WithPersonalDataKeys(devPersonalDataKeys)
    .WithHttpEndpoint() // a port DCP picks; the gateway finds it through service discovery
    .WithReference(membershipDb).WaitFor(membershipDb, WaitBehavior.StopOnResourceUnavailable)
    .WithReference(messaging).WaitFor(messaging, WaitBehavior.StopOnResourceUnavailable)
    .WithEnvironment("Seed__Enabled", builder.Configuration["Seed:Enabled"] ?? "true") // the demo city; services default to off
    .WithEnvironment("Seed__Members", builder.Configuration["Seed:Members"] ?? "200000")
    .WithHttpHealthCheck("/health");

// Seeds the eligibility view of the same demo city (same Seed:Members, so the same member ids) and its hardship files.
var hardship = builder.AddProject<Projects.HardshipAid>(ResourceNames.HardshipAid)
    .WithPlatformDefaults(devSigningKey)
    .WithPersonalDataKeys(devPersonalDataKeys)
    .WithHttpEndpoint()
    .WithReference(hardshipDb).WaitFor(hardshipDb, WaitBehavior.StopOnResourceUnavailable)
    .WithReference(messaging).WaitFor(messaging, WaitBehavior.StopOnResourceUnavailable)
    .WithEnvironment("Seed__Enabled", builder.Configuration["Seed:Enabled"] ?? "true") // the demo city; services default to off
    .WithEnvironment("Seed__Members", builder.Configuration["Seed:Members"] ?? "200000")
    .WithHttpHealthCheck("/health");

var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithPlatformDefaults(devSigningKey)
    .WithHttpEndpoint(port: 5080)
    .WithExternalHttpEndpoints()
    .WithReference(membership).WaitFor(membership)
    .WithReference(hardship).WaitFor(hardship)
    .WithHttpHealthCheck("/health");

builder.ReportStartup(mode, gateway);
builder.Build().Run();
