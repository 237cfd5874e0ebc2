using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Pages;
using PatternDashboard.Web.Components.Patterns.LeaderElection;
using PatternDashboard.Web.Components.Rooms;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Rooms;
using PatternDashboard.Web.Sessions;
using PatternDashboard.Web.Tests.Fakes;

namespace PatternDashboard.Web.Tests.Components;

/// <summary>The instructor panel, the join page, and a pattern page bound to a room as student and as instructor.</summary>
public sealed class RoomComponentTests : DashboardTestContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<LeaderElectionPage> RenderPage() =>
        Render<LeaderElectionPage>();

    private CreatedRoom CreateRoom() => Rooms.Create("teacher-browser", LeaderElectionPattern.Id, new CreateSessionRequest());

    private FakeSimulationSession RoomSession(CreatedRoom room) => Manager.Session(room.Room.Session.Id);

    [Fact]
    public void InstructorPanel_ShowsCodeLinkQrAndViewers_AndHidesTheSecretUntilAsked()
    {
        const string secret = "http://localhost/patterns/leader-election?room=K7HM3X#key=top-secret";
        var cut = Render<InstructorPanel>(p => p
            .Add(x => x.RoomCode, "K7HM3X")
            .Add(x => x.JoinLink, "http://localhost/join/K7HM3X")
            .Add(x => x.InstructorLink, secret)
            .Add(x => x.ViewerCount, 31));

        Assert.Equal("K7HM3X", cut.Find(".room-code").TextContent);
        Assert.Equal("Join code K 7 H M 3 X", cut.Find(".room-code").GetAttribute("aria-label"));
        Assert.Equal("http://localhost/join/K7HM3X", cut.Find("a.join-link").GetAttribute("href"));
        var qr = cut.Find(".qr-code");
        Assert.Equal("img", qr.GetAttribute("role"));
        Assert.Equal("QR code of the join link for room K7HM3X", qr.GetAttribute("aria-label"));
        Assert.NotNull(qr.QuerySelector("svg"));
        Assert.Equal("31 viewers, you included", cut.Find(".room-viewers").TextContent);
        Assert.Contains("do not project it or share it", cut.Markup);
        Assert.DoesNotContain("top-secret", cut.Markup);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Show instructor link").Click();

        Assert.Equal(secret, cut.Find("[data-secret-link]").TextContent.Trim());
    }

    [Fact]
    public void InstructorPanel_WithoutAKey_OffersNoSecretSection()
    {
        var cut = Render<InstructorPanel>(p => p.Add(x => x.RoomCode, "K7HM3X").Add(x => x.JoinLink, "http://localhost/join/K7HM3X").Add(x => x.ViewerCount, 1));

        Assert.Empty(cut.FindAll(".instructor-secret"));
        Assert.Equal("1 viewer (you)", cut.Find(".room-viewers").TextContent);
    }

    [Theory]
    [InlineData("K0OL1", "6 letters and digits")]
    [InlineData("", "room code is required")]
    [InlineData("AAAAAA", "There is no open room AAAAAA")]
    public void JoinPage_BadCode_ShowsWhatIsWrong_AndStays(string typed, string message)
    {
        var cut = Render<Join>();

        cut.Find("input#room-code").Input(typed);
        cut.Find("form").Submit();

        Assert.Contains(message, cut.Find(".join-error").TextContent);
        Assert.EndsWith("/", Navigation.Uri);
        Assert.Equal("join-error", cut.Find("input#room-code").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void JoinPage_TooManyTypedCodes_IsRefusedSayingHowLongToWait_EvenForAGoodCode()
    {
        var (room, _) = CreateRoom();
        var cut = Render<Join>();
        for (int i = 0; i < new PatternDashboard.Web.Hosting.ClientRateLimits().RoomCodeGuessesPerConnection; i++)
        {
            cut.Find("input#room-code").Input("AAAAAA");
            cut.Find("form").Submit();
        }

        cut.Find("input#room-code").Input(room.Code);
        cut.Find("form").Submit();

        Assert.Contains("Too many room codes tried; wait", cut.Find(".join-error").TextContent);
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public void JoinPage_GoodCode_AnyCase_OpensThePatternBoundToTheRoom()
    {
        var (room, _) = CreateRoom();
        var cut = Render<Join>();

        cut.Find("input#room-code").Input(" " + room.Code.ToLowerInvariant()[..3] + "-" + room.Code.ToLowerInvariant()[3..]);
        cut.Find("form").Submit();

        Assert.EndsWith($"/patterns/leader-election?room={room.Code}", Navigation.Uri);
        Assert.Empty(cut.FindAll(".join-error"));
    }

    [Fact]
    public void JoinLink_ForAnExpiredRoom_SaysSoWithTheCodeFilledIn()
    {
        var cut = Render<Join>(p => p.Add(x => x.Code, "AAAAAA"));

        Assert.Contains("There is no open room AAAAAA", cut.Find(".join-error").TextContent);
        Assert.Equal("AAAAAA", cut.Find("input#room-code").GetAttribute("value"));
    }

    [Fact]
    public async Task Student_SeesTheRoomWithoutAnyControl_AndTheKeyIsNowhereInThePage()
    {
        var created = CreateRoom();
        Navigation.NavigateTo($"/patterns/leader-election?room={created.Room.Code}");

        var cut = RenderPage();
        var session = RoomSession(created);
        session.Push(TestStates.LeaderElection(session.Id) with { });
        await cut.WaitForAssertionAsync(() => Assert.Equal(1, session.ViewerCount));

        Assert.DoesNotContain(Manager.Created, c => c.Owner == "browser-1");
        Assert.False(cut.Instance.CanControl);
        Assert.IsType<WatchOnlySession>(cut.Instance.Session);
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Try it yourself", buttons);
        Assert.DoesNotContain(buttons, b => b is "Play" or "Pause" or "Step one event" or "Reset simulation" or "Fast-forward" or "Start a room");
        Assert.Empty(cut.FindAll("section[aria-label='Cluster faults']"));
        Assert.Empty(cut.FindAll("[aria-label^='Actions for']"));
        Assert.Empty(cut.FindAll(".instructor-panel"));
        Assert.Contains($"Room {created.Room.Code}", cut.Find(".room-badge").TextContent);
        Assert.DoesNotContain(created.InstructorKey, cut.Markup);

        // A crafted shortcut (the page's JS-callable method) changes nothing either.
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("toggle"));
        var refused = await Assert.ThrowsAsync<RoomControlException>(() => cut.Instance.Session!.ControlAsync(ControlAction.Play));
        Assert.Contains("you are watching", refused.Message);
        Assert.Empty(session.Controls);
        Assert.Empty(session.Injected);
    }

    [Fact]
    public void RoomSessionIdInTheAddress_IsWatchedOnly_NotControlled()
    {
        var created = CreateRoom();
        Navigation.NavigateTo($"/patterns/leader-election?session={created.Room.Session.Id}");

        var cut = RenderPage();

        Assert.False(cut.Instance.CanControl);
        Assert.IsType<WatchOnlySession>(cut.Instance.Session);
        Assert.Equal(created.Room.Code, cut.Instance.Room?.Code);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Play");
    }

    [Fact]
    public async Task Instructor_WithTheKeyInTheLink_GetsControlsAndThePanel()
    {
        var created = CreateRoom();
        Navigation.NavigateTo($"/patterns/leader-election?room={created.Room.Code}#key={created.InstructorKey}");

        var cut = RenderPage();

        await cut.WaitForAssertionAsync(() => Assert.True(cut.Instance.CanControl));
        Assert.Equal(created.Room.Code, cut.Find(".instructor-panel .room-code").TextContent);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Play");
        Assert.DoesNotContain("#key=", Navigation.Uri);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Play").Click();
        // The click's handler awaits the session, so the command may arrive after Click returns.
        await cut.WaitForAssertionAsync(() => Assert.Equal([(ControlAction.Play, (double?)null)], RoomSession(created).Controls));
    }

    [Fact]
    public void WrongKey_WatchesOnly_AndSaysWhy()
    {
        var created = CreateRoom();
        Navigation.NavigateTo($"/patterns/leader-election?room={created.Room.Code}#key=not-the-key");

        var cut = RenderPage();

        Assert.False(cut.Instance.CanControl);
        Assert.Contains("does not open room", cut.Markup);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Play");
    }

    [Fact]
    public void UnknownRoomInAddress_SaysSoAndOffersTheJoinPage()
    {
        Navigation.NavigateTo("/patterns/leader-election?room=AAAAAA");

        var cut = RenderPage();

        Assert.Equal(PageSessionStatus.RoomNotFound, cut.Instance.Status);
        Assert.Contains("There is no open room AAAAAA", cut.Markup);
        Assert.Equal("/join", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Enter another code").GetAttribute("href"));
        Assert.Empty(Manager.Created);
    }

    [Fact]
    public async Task TryItYourself_ForksTheRoomIntoThisBrowsersOwnRun()
    {
        var created = CreateRoom();
        Navigation.NavigateTo($"/patterns/leader-election?room={created.Room.Code}");
        var cut = RenderPage();

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Try it yourself").ClickAsync(new());

        Assert.Equal([("browser-1", created.Room.Session.Id)], Manager.Forked);
        await cut.WaitForAssertionAsync(() => Assert.Equal("fork-1", cut.Instance.Session?.Id));
        Assert.EndsWith("?session=fork-1", Navigation.Uri);
        Assert.True(cut.Instance.CanControl);
        Assert.Null(cut.Instance.Room);
    }

    /// <summary>Opens the "Start a room" menu and picks one of its two ways.</summary>
    private static async Task StartRoomAsync(IRenderedComponent<LeaderElectionPage> cut, IRenderedComponent<MudBlazor.MudPopoverProvider> popovers, string way)
    {
        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Start a room").ClickAsync(new());
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == way).Click());
    }

    [Fact]
    public async Task StartARoom_FromAPrivateRun_ShowsTheInstructorPanel()
    {
        var popovers = RenderPopovers();
        var cut = RenderPage();

        await StartRoomAsync(cut, popovers, "From a fresh run");

        Assert.Empty(Manager.Forked);
        var room = Assert.Single(Manager.Created, c => c.Owner.StartsWith("room:", StringComparison.Ordinal));
        string code = room.Owner["room:".Length..];
        await cut.WaitForAssertionAsync(() => Assert.Equal(code, cut.Find(".instructor-panel .room-code").TextContent));
        Assert.EndsWith($"?room={code}", Navigation.Uri);
        Assert.True(cut.Instance.CanControl);
        Assert.NotNull(cut.Find(".instructor-panel svg"));
    }

    [Fact]
    public async Task StartARoom_FromThisRun_CopiesTheRunOnScreenIntoTheRoom()
    {
        var popovers = RenderPopovers();
        var cut = RenderPage();
        string runId = cut.Instance.Session!.Id;

        await StartRoomAsync(cut, popovers, "From this run, as it is now");

        var (owner, source) = Assert.Single(Manager.Forked);
        Assert.Equal(runId, source);
        Assert.StartsWith("room:", owner, StringComparison.Ordinal);
        string code = owner["room:".Length..];
        await cut.WaitForAssertionAsync(() => Assert.Equal(code, cut.Find(".instructor-panel .room-code").TextContent));
        Assert.Equal(Rooms.Get(code).Session.Id, cut.Instance.Session!.Id);
        Assert.False(Manager.Find(runId)!.IsClosed); // the private run stays as it was
    }

    [Fact]
    public async Task InstructorPageGoesAway_TheRoomAndItsSessionStayOpen()
    {
        var popovers = RenderPopovers();
        var cut = RenderPage();
        await StartRoomAsync(cut, popovers, "From a fresh run");
        var room = Assert.Single(Manager.Created, c => c.Owner.StartsWith("room:", StringComparison.Ordinal));
        string code = room.Owner["room:".Length..];

        await DisposeComponentsAsync();

        var open = Rooms.Find(code);
        Assert.NotNull(open);
        Assert.False(open.Session.IsClosed);
        Assert.DoesNotContain(open.Session.Id, Manager.ClosedIds);
        Assert.Equal(0, open.ViewerCount);
    }
}
