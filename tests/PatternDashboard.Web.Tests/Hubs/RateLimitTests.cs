using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatternDashboard.Web.Hosting;
using PatternDashboard.Web.Hubs;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Tests.TestPatterns;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>The app with small rate limits and a long window, so a handful of calls reaches each limit.</summary>
public sealed class LimitedDashboardFactory : DashboardFactory
{
    public const int CodesPerConnection = 3;
    public const int CodesPerAddress = 5;
    public const int SessionsPerConnection = 2;
    public const int RoomsPerConnection = 1;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:WindowSeconds"] = "600",
        ["RateLimits:RoomCodeGuessesPerConnection"] = CodesPerConnection.ToString(),
        ["RateLimits:RoomCodeGuessesPerAddress"] = CodesPerAddress.ToString(),
        ["RateLimits:SessionsPerConnection"] = SessionsPerConnection.ToString(),
        ["RateLimits:SessionsPerAddress"] = "100",
        ["RateLimits:RoomsPerConnection"] = RoomsPerConnection.ToString(),
        ["RateLimits:RoomsPerAddress"] = "100",
    };
}

/// <summary>Room-code guesses, new sessions and new rooms are limited per connection and per address, with a message saying how long to wait.</summary>
public sealed class RateLimitTests(LimitedDashboardFactory app) : IClassFixture<LimitedDashboardFactory>
{
    [Fact]
    public async Task JoinRoom_GuessesAreLimitedPerConnection_ThenPerAddress()
    {
        await using var guesser = await app.ConnectAsync();
        for (int i = 0; i < LimitedDashboardFactory.CodesPerConnection; i++)
        {
            var wrong = await Assert.ThrowsAsync<HubException>(() => guesser.InvokeAsync<RoomJoined>("JoinRoom", "AAAAAA"));
            Assert.Contains("There is no open room AAAAAA", wrong.Message);
        }

        var limited = await Assert.ThrowsAsync<HubException>(() => guesser.InvokeAsync<RoomJoined>("JoinRoom", "AAAAAA"));
        Assert.Matches(@"Too many room codes tried; wait \d+ seconds \(the limit is 3 per connection", limited.Message);

        // A second connection from the same address has its own count, but the address's count is shared.
        await using var second = await app.ConnectAsync();
        for (int i = LimitedDashboardFactory.CodesPerConnection; i < LimitedDashboardFactory.CodesPerAddress; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<RoomJoined>("ClaimRoom", "AAAAAA", "key"));
        }
        var byAddress = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<RoomJoined>("JoinRoom", "AAAAAA"));
        Assert.Matches(@"Too many room codes tried; wait \d+ seconds \(the limit is 5 per address", byAddress.Message);
        Assert.Equal(HubConnectionState.Connected, second.State);
    }

    [Fact]
    public async Task CreateSession_IsLimitedPerConnection_AndTheRefusalChangesNothing()
    {
        await using var hub = await app.ConnectAsync();
        for (int i = 0; i < LimitedDashboardFactory.SessionsPerConnection; i++)
        {
            var created = await hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null);
            await hub.InvokeAsync("CloseSession", created.SessionId); // closing does not give the start back
        }
        int open = app.Sessions.Count;

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionCreated>("CreateSession", PingPattern.Id, null));

        Assert.Matches(@"Too many sessions started; wait \d+ seconds", error.Message);
        Assert.Equal(open, app.Sessions.Count);
    }

    [Fact]
    public async Task CreateRoom_IsLimitedPerConnection()
    {
        await using var hub = await app.ConnectAsync();
        var room = await hub.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, null);
        try
        {
            var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RoomCreatedInfo>("CreateRoom", PingPattern.Id, null));

            Assert.Matches(@"Too many rooms opened; wait \d+ seconds", error.Message);
        }
        finally
        {
            app.Services.GetRequiredService<RoomManager>().Close(room.RoomCode);
        }
    }

    [Fact]
    public async Task JoinLinks_AreLimitedPerAddress_With429AndRetryAfter()
    {
        using var client = app.CreateClient();
        var limits = app.Services.GetRequiredService<IOptions<ClientRateLimits>>().Value;
        for (int i = 0; i < limits.RoomCodeGuessesPerAddress; i++)
        {
            // A link, or the form as the browser sends it before the page is interactive: each is a guess.
            using var guess = await client.GetAsync(i % 2 == 0 ? "/join/AAAAAA" : "/join?code=AAAAAA");
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
            Assert.Contains("There is no open room AAAAAA", await guess.Content.ReadAsStringAsync());
        }
        using var empty = await client.GetAsync("/join"); // the empty form is no guess

        using var limited = await client.GetAsync("/join/BBBBBB");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Matches(@"^Too many room codes tried; wait \d+ seconds\.$", await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, limited.Headers.RetryAfter?.ToString());
    }
}

/// <summary>Limits are checked when the app starts: a bad one stops it with a message naming the setting.</summary>
public sealed class RateLimitSettingsTests
{
    private sealed class BadLimitsFactory : DashboardFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["RateLimits:RoomCodeGuessesPerConnection"] = "50",
            ["RateLimits:RoomCodeGuessesPerAddress"] = "10",
        };
    }

    [Fact]
    public void APerConnectionLimitAboveItsAddressLimit_StopsTheApp()
    {
        using var app = new BadLimitsFactory();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);

        Assert.Contains("RoomCodeGuessesPerConnection (50) cannot exceed RoomCodeGuessesPerAddress (10)", error.Message);
    }
}
