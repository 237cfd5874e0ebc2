using System.Security.Cryptography;

namespace PatternDashboard.Web.Hosting;

/// <summary>
/// A long-lived random id per browser, kept in the "pd-browser" cookie, so each browser owns its sessions.
/// The middleware issues it on the first request; App.razor reads it and hands it to the interactive
/// Routes, which cascades it to every page as the string named <see cref="CascadingName"/>.
/// </summary>
public static class BrowserId
{
    public const string CookieName = "pd-browser";

    /// <summary>Name of the cascading string value pages read with [CascadingParameter(Name = "BrowserId")].</summary>
    public const string CascadingName = "BrowserId";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private const string ItemKey = "PatternDashboard.BrowserId";

    /// <summary>The id of the browser making this request, or null when the middleware did not run (hub calls).</summary>
    public static string? Get(HttpContext context) => context.Items[ItemKey] as string;

    /// <summary>Ids are 32 lowercase hex characters; anything else in the cookie is replaced.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Reads the cookie, or issues a new one, and keeps the id for the rest of the request.</summary>
    public static IApplicationBuilder UseBrowserId(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // A re-executed request (a status page, the error page) already has its id: issuing another would set the cookie twice.
            if (context.Request.Path.StartsWithSegments("/hubs") || Get(context) is not null)
            {
                return next(context);
            }
            string? id = context.Request.Cookies[CookieName];
            if (!IsValid(id))
            {
                id = NewId();
                context.Response.Cookies.Append(CookieName, id, new CookieOptions
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    MaxAge = Lifetime,
                    Path = "/",
                });
            }
            context.Items[ItemKey] = id;
            return next(context);
        });
}
