using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PatternDashboard.Web.Hosting;

/// <summary>What every HTTP response carries and how requests are held in check, outside any one page.</summary>
public static class ResponseHardening
{
    /// <summary>No Referer at all: session ids and room codes travel in the query string, and nothing here reads a Referer.</summary>
    public const string ReferrerPolicy = "no-referrer";

    /// <summary>The browser features the app never uses, off for it and for anything it could embed.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()";

    /// <summary>
    /// Adds the headers to every response (Blazor adds its own Content-Security-Policy frame-ancestors). Headers set
    /// before the response starts survive; the exception handler's re-execution passes through here again.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            return next(context);
        });

    /// <summary>
    /// Answers HEAD for pages as GET would, without the body (pages map GET only, so HEAD found no endpoint). Monitors
    /// and link checkers ask HEAD /.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method) || context.Request.Path.StartsWithSegments("/hubs"))
            {
                await next(context);
                return;
            }
            var body = context.Response.Body;
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });

    /// <summary>
    /// Limits /join/CODE links and /join?code=CODE (each one is a room-code guess) per client address, with
    /// <see cref="ClientRateLimits.RoomCodeGuessesPerAddress"/> per window; other paths are not limited here.
    /// </summary>
    public static IServiceCollection AddJoinRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<ClientRateLimits>>((options, limits) =>
            {
                var o = limits.Value;
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsJoinLink(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = o.RoomCodeGuessesPerAddress,
                        Window = o.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = async (rejected, cancellationToken) =>
                {
                    int wait = ClientAddress.WaitSeconds(rejected.Lease, o.Window);
                    var response = rejected.HttpContext.Response;
                    response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync($"Too many room codes tried; wait {wait} seconds.", cancellationToken);
                };
            });
        return services;
    }

    /// <summary>A join link, or the join form sent by the browser itself (/join?code=CODE, before the page is interactive).</summary>
    public static bool IsJoinLink(HttpRequest request) =>
        IsJoinLink(request.Path) || (request.Path.Equals("/join", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("code"));

    /// <summary>/join/CODE (and anything below it); /join itself, the empty form, is no guess.</summary>
    public static bool IsJoinLink(PathString path) =>
        path.StartsWithSegments("/join", StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue && rest.Value!.Trim('/').Length > 0;
}
