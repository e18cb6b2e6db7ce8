using Microsoft.Extensions.Hosting;
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
var identityDb = postgres.AddDatabase(ResourceNames.IdentityDb);
var messaging = builder.AddUnionRabbitMq(ResourceNames.Messaging, mode);

var devPersonalDataKeys = builder.AddDevPersonalDataKeys(); // production: PersonalData__* from a vault

// Created first so the provider's issuer can name the gateway's public address; its routes are added below.
var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway);

// The platform's sign-in: staff accounts and tokens. Its issuer is its address behind the gateway, which the
// services (Auth__Authority) and browsers both use; its development keys live in the local data folder.
var issuer = ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/identity/");
var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
    .WithPlatformDefaults()
    .WithHttpEndpoint()
    .WithReference(identityDb).WaitFor(identityDb, WaitBehavior.StopOnResourceUnavailable)
    .WithEnvironment("Identity__Issuer", issuer)
    .WithEnvironment("Identity__Keys__Folder", builder.LocalDataFolder(ResourceNames.Identity))
    // The demo accounts have a published password: only ever in Development.
    .WithEnvironment("Seed__Enabled", builder.Environment.IsDevelopment() ? builder.Configuration["Seed:Enabled"] ?? "true" : "false")
    .WithDevToolsClient()
    .WithHttpHealthCheck("/health");

// The staff portal, at the gateway's root: a confidential client of the provider, calling the APIs through the gateway.
var portal = builder.AddProject<Projects.Portal>(ResourceNames.Portal)
    .WithPlatformDefaults()
    .WithHttpEndpoint()
    .WithPortalClient(identity, issuer, gateway.GetEndpoint("http"))
    .WithHttpHealthCheck("/health");

var membership = builder.AddProject<Projects.Membership>(ResourceNames.Membership)
    .WithPlatformDefaults()
    .WithPersonalDataKeys(devPersonalDataKeys)
    .WithHttpEndpoint() // a port DCP picks; the gateway finds it through service discovery
    .WithReference(membershipDb).WaitFor(membershipDb, WaitBehavior.StopOnResourceUnavailable)
    .WithIdentityProvider(identity, issuer)
    .WithReference(messaging).WaitFor(messaging, WaitBehavior.StopOnResourceUnavailable)
    .WithEnvironment("Seed__Enabled", builder.Configuration["Seed:Enabled"] ?? "true") // the demo city; services default to off
    .WithEnvironment("Seed__Members", builder.Configuration["Seed:Members"] ?? "200000")
    .WithHttpHealthCheck("/health");

// Seeds the eligibility view of the same demo city (same Seed:Members, so the same member ids) and its hardship files.
var hardship = builder.AddProject<Projects.HardshipAid>(ResourceNames.HardshipAid)
    .WithPlatformDefaults()
    .WithPersonalDataKeys(devPersonalDataKeys)
    .WithHttpEndpoint()
    .WithReference(hardshipDb).WaitFor(hardshipDb, WaitBehavior.StopOnResourceUnavailable)
    .WithIdentityProvider(identity, issuer)
    .WithReference(messaging).WaitFor(messaging, WaitBehavior.StopOnResourceUnavailable)
    .WithEnvironment("Seed__Enabled", builder.Configuration["Seed:Enabled"] ?? "true") // the demo city; services default to off
    .WithEnvironment("Seed__Members", builder.Configuration["Seed:Members"] ?? "200000")
    .WithHttpHealthCheck("/health");

gateway
    .WithPlatformDefaults()
    .WithHttpEndpoint(port: 5080)
    .WithExternalHttpEndpoints()
    .WithReference(identity).WaitFor(identity)
    .WithReference(membership).WaitFor(membership)
    .WithReference(hardship).WaitFor(hardship)
    .WithReference(portal).WaitFor(portal)
    .WithHttpHealthCheck("/health");

builder.ReportStartup(mode, gateway);
builder.Build().Run();
