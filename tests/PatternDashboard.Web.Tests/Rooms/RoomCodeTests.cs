using PatternDashboard.Web.Rooms;

namespace PatternDashboard.Web.Tests.Rooms;

public sealed class RoomCodeTests
{
    [Fact]
    public void New_IsSixCharactersWithoutLookAlikes()
    {
        for (int i = 0; i < 2_000; i++)
        {
            string code = RoomCode.New();
            Assert.Equal(6, code.Length);
            Assert.All(code, c => Assert.Contains(c, RoomCode.Alphabet));
            Assert.DoesNotContain(code, c => "0O1IL".Contains(c));
        }
    }

    [Fact]
    public void Alphabet_LeavesOutCharactersThatLookAlike()
    {
        foreach (char c in "0OQ1IL2Z5S68BV")
        {
            Assert.DoesNotContain(c, RoomCode.Alphabet);
        }
        Assert.Equal(RoomCode.Alphabet.Length, RoomCode.Alphabet.Distinct().Count());
    }

    [Fact]
    public void New_UsesTheWholeAlphabetAndRarelyRepeats()
    {
        var codes = Enumerable.Range(0, 5_000).Select(_ => RoomCode.New()).ToList();

        Assert.Equal(RoomCode.Alphabet.Length, codes.SelectMany(c => c).Distinct().Count());
        // 22^6 is about 113 million codes: 5,000 draws share one with odds near 1 in 10.
        Assert.InRange(codes.Distinct().Count(), 4_998, 5_000);
    }

    [Theory]
    [InlineData("K7HM3X", "K7HM3X")]
    [InlineData("k7hm3x", "K7HM3X")]
    [InlineData(" k7h-m3x ", "K7HM3X")]
    [InlineData("K7H M3X", "K7HM3X")]
    public void TryNormalize_IgnoresCaseSpacesAndDashes(string typed, string expected)
    {
        Assert.True(RoomCode.TryNormalize(typed, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("K7HM3")]
    [InlineData("K7HM3XA")]
    [InlineData("K7HM0X")]
    [InlineData("K7HMOX")]
    [InlineData("K7HM1X")]
    [InlineData("K7HMLX")]
    [InlineData("K7HM3!")]
    [InlineData("K7HM3XK7HM3XK7HM3XK7HM3XK7HM3XK7HM3X")]
    public void TryNormalize_RefusesWhatCannotBeACode(string? typed)
    {
        Assert.False(RoomCode.TryNormalize(typed, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void InstructorKey_HasAtLeast128RandomBitsAndMatchesOnlyItself()
    {
        string key = InstructorKey.New();
        var hash = InstructorKey.Hash(key);

        Assert.True(InstructorKey.Bytes * 8 >= 128);
        Assert.True(key.Length >= 43, key.Length.ToString());
        Assert.NotEqual(key, InstructorKey.New());
        Assert.True(InstructorKey.Matches(key, hash));
        Assert.False(InstructorKey.Matches(key[..^1], hash));
        Assert.False(InstructorKey.Matches(key + "A", hash));
        Assert.False(InstructorKey.Matches(key.ToUpperInvariant() == key ? key.ToLowerInvariant() : key.ToUpperInvariant(), hash));
        Assert.False(InstructorKey.Matches("", hash));
        Assert.False(InstructorKey.Matches(null, hash));
        Assert.False(InstructorKey.Matches(new string('a', 10_000), hash));
    }
}

public sealed class RoomLimitsTests
{
    [Fact]
    public void Validate_MoreRoomsPerCreatorThanRooms_IsRefused()
    {
        var limits = new RoomLimits { MaxRooms = 2, MaxRoomsPerCreator = 3 };

        var problem = Assert.Single(limits.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(limits)));

        Assert.Contains("MaxRoomsPerCreator (3) cannot exceed MaxRooms (2)", problem.ErrorMessage);
        Assert.Empty(new RoomLimits().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(limits)));
    }
}
