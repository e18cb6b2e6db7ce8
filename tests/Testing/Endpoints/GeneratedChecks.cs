using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Messaging;
using Xunit;

namespace UnionPlatform.Testing.Endpoints;

/// <summary>The two generated checks every service runs over all its endpoints, with its own records of gulou.</summary>
public static class GeneratedChecks
{
    public static async Task AccessRuleHoldsAsync<TProgram, TContext>(ServiceApp<TProgram, TContext> app,
        Func<ApiEndpoint, string, string> records, int atLeast)
        where TProgram : class where TContext : DbContext, IOutboxDbContext
    {
        var endpoints = await EndpointCatalog.DiscoverAsync(app.Services, app.Admin());
        Assert.True(endpoints.Count >= atLeast, $"{endpoints.Count} endpoints found");
        var failures = await AccessMatrix.CheckAsync(endpoints, app.CreateClient, app.ClientAs, records);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static async Task FuzzHoldsAsync<TProgram, TContext>(ServiceApp<TProgram, TContext> app,
        Func<ApiEndpoint, string, string> records, Func<string, JsonNode?> sample)
        where TProgram : class where TContext : DbContext, IOutboxDbContext
    {
        var endpoints = await EndpointCatalog.DiscoverAsync(app.Services, app.Admin());
        var failures = await EndpointFuzzer.FuzzAsync(app.Admin(), endpoints, records, sample);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(60)));
    }
}
