using Microsoft.AspNetCore.Routing;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace Microsoft.Extensions.Hosting;

public static class ApiDefaultsExtensions
{
    /// <summary>Largest request body an API accepts; CSV imports raise it on their own endpoint.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Authentication, RFC 7807 errors, enum-as-string JSON and an OpenAPI document.</summary>
    public static TBuilder AddApiDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddUnionAuthentication();
        return builder.AddApiConventions();
    }

    /// <summary>
    /// What every API answers alike, whoever issues its tokens: RFC 7807 errors naming the field, strict JSON, body
    /// limits, an OpenAPI document. The identity provider takes these without the services' token validation.
    /// </summary>
    public static TBuilder AddApiConventions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString()
                                                       ?? ctx.HttpContext.TraceIdentifier;
        });
        builder.Services.AddSingleton<BodyLimits>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // Unreadable bodies throw in every environment, so BadRequestExceptionHandler can name the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new SafeStringConverter());
            // "1" for a number is a client bug: say so instead of guessing.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRequestConcurrencyLimit();
        return builder;
    }

    /// <summary>Error handling first, then auth; the service maps its endpoints after this.</summary>
    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseApiConventions();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // The documents describe every endpoint: outside Development only signed-in callers get them, unless configured.
        var documents = app.MapOpenApi();
        var auth = app.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (app.Environment.IsDevelopment() || auth.PublicApiDocuments) documents.AllowAnonymous();
        else documents.RequireAuthorization(UnionPolicies.Read);
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>The request pipeline's front: forwarded headers, errors as ProblemDetails, size and text checks.</summary>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        // Behind the gateway: links and the OpenAPI servers list must name the gateway's address and /membership prefix.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All });
        app.UseMiddleware<EarlyAnswerDrain>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseMiddleware<SafeQueryText>();
        return app;
    }
}
