using UnionPlatform.Gateway;
using UnionPlatform.Gateway.Proxy;
using UnionPlatform.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

// Routes and clusters: appsettings.json "ReverseProxy". http://membership and the like resolve through service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseExceptionHandler();
app.MapReverseProxy(proxy =>
{
    proxy.Use(ProxyProblems.DescribeForwardingErrors);
    proxy.Use(ProxyProblems.RefuseOversizedBodies);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.MapStartPage();
if (app.Environment.IsDevelopment()) app.MapServicesApiReference();
app.MapDefaultEndpoints();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
