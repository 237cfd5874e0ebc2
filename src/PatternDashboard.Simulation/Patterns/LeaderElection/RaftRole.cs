namespace PatternDashboard.Simulation.Patterns.LeaderElection;

public enum RaftRole
{
    Follower,
    Candidate,
    Leader,
}
