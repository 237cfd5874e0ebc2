namespace PatternDashboard.Web.Components.Shared;

/// <summary>
/// Lets a component skip the re-render its parent's update causes when its inputs equal the ones it last
/// rendered. Every publish re-renders the whole page; a panel whose content did not change would otherwise send
/// its markup diff work (and often frames) to every viewer ten times a second. Renders the component asks for
/// itself (clicks, typing) are never skipped: only the one parameter update that found no change is.
/// </summary>
public sealed class UnchangedInputs
{
    private bool skipNext;

    /// <summary>Call from OnParametersSet with whether every input equals the previous one.</summary>
    public void Note(bool unchanged) => skipNext = unchanged;

    /// <summary>Call from ShouldRender: false once after an unchanged update, true otherwise.</summary>
    public bool ShouldRender()
    {
        bool render = !skipNext;
        skipNext = false;
        return render;
    }

    /// <summary>
    /// Call from OnAfterRender: a render already queued when the unchanged update arrived never asked
    /// <see cref="ShouldRender"/>, so the flag must not outlive it and hold back a later, real change.
    /// </summary>
    public void Rendered() => skipNext = false;

    /// <summary>Same length and equal items in order (records compare by value); null equals only null.</summary>
    public static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Count; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    }
}
