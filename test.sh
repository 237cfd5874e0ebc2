#!/usr/bin/env bash
# Builds and runs every test in PatternDashboard.sln, then prints one summary line counted from the
# .trx result files:  N passed, N failed, N skipped
# Exits non-zero if a test failed, if dotnet test failed, or if no test ran at all.
# Extra arguments go to dotnet test, e.g.  ./test.sh --filter "FullyQualifiedName~HomePage"
set -euo pipefail

cd "$(dirname "$0")"
results_dir="$PWD/TestResults"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The end-to-end tests drive Debian's Chromium (Playwright's own browser download is not used).
if [[ ! -x /usr/bin/chromium ]]; then
    echo "Installing Chromium (apt-get) for the end-to-end tests..."
    sudo=""
    if [[ $EUID -ne 0 ]]; then sudo="sudo"; fi
    apt_log="$(mktemp)"
    if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        echo "Could not install Chromium." >&2
        exit 1
    fi
    rm -f "$apt_log"
fi

rm -rf "$results_dir"

# Keep going when tests fail: the summary below must still print.
test_status=0
# A test that hangs for 15 minutes has its test host stopped, so CI fails instead of waiting forever.
dotnet test PatternDashboard.sln --logger "trx" --results-directory "$results_dir" \
    --blame-hang-timeout 15m --blame-hang-dump-type none "$@" || test_status=$?

# Sum the <Counters .../> of every .trx file (one per test project).
counter() { # counter NAME COUNTERS_ELEMENT
    sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"
}
passed=0 failed=0 skipped=0 files=0
shopt -s nullglob
for trx in "$results_dir"/*.trx; do
    counters="$(tr '\n' ' ' <"$trx" | grep -o '<Counters [^>]*>' || true)"
    if [[ -z "$counters" ]]; then
        echo "warning: no <Counters> in $trx" >&2
        continue
    fi
    files=$((files + 1))
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters")))
    # VSTest leaves notExecuted at 0 for skipped tests and counts them only in total, not in executed.
    not_run=$(($(counter total "$counters") - $(counter executed "$counters")))
    not_executed=$(counter notExecuted "$counters")
    skipped=$((skipped + (not_run > not_executed ? not_run : not_executed)))
done

exit_code=0
if ((test_status != 0)); then
    echo "dotnet test exited with status $test_status." >&2
    exit_code=$test_status
fi
if ((failed > 0)); then
    exit_code=1
fi
if ((passed + failed == 0)); then
    echo "No test ran ($files result file(s) in $results_dir)." >&2
    exit_code=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$exit_code"
