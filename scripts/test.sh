#!/usr/bin/env bash
# The whole test suite, in order; called by `make test` once .venv, .jsrt and Chromium are there.
#
#   scripts/test.sh            lint, migrations check, unit (SQLite), unit (PostgreSQL), browser
#   scripts/test.sh lint|unit|e2e   only that group
#
# Every step runs even if an earlier one failed (so one run shows every problem); the summary
# lists the failures and the script exits 1 if there was any. pytest's "no tests collected"
# (exit code 5) counts as a failure.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$COLLAB_ROOT"

groups="${*:-lint unit e2e}"
failed=()
summary=()

total_passed=0
total_failed=0

# Add the "N passed" / "N failed" / "N error(s)" of a pytest log to the totals.
record_counts() {
    local line
    line=$(grep -E '^=*.*[0-9]+ (passed|failed|errors?)' "$1" | tail -n 1)
    local n
    n=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')
    total_passed=$((total_passed + ${n:-0}))
    n=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
    total_failed=$((total_failed + ${n:-0}))
    n=$(grep -oE '[0-9]+ errors?' <<<"$line" | grep -oE '[0-9]+')
    total_failed=$((total_failed + ${n:-0}))
}

step() {
    local name="$1"
    shift
    echo
    echo "==> $name"
    local start=$SECONDS
    local log
    log=$(mktemp)
    "$@" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    record_counts "$log"
    rm -f "$log"
    local took=$((SECONDS - start))
    if [ "$rc" -eq 0 ]; then
        summary+=("ok       ${took}s  $name")
    else
        summary+=("FAILED   ${took}s  $name (exit $rc)")
        failed+=("$name")
    fi
}

skip() {
    echo
    echo "==> $1"
    echo "skipped: $2"
    summary+=("skipped      $1: $2")
}

pg_url="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/collab_test}"

for group in $groups; do
    case "$group" in
    lint)
        step "ruff check" ruff check .
        step "ruff format --check" ruff format --check .
        step "migrations match the models" python -m collab_app.manage check-migrations
        ;;
    unit)
        # The PostgreSQL run goes in the background while the SQLite run uses the other core;
        # its output is printed when it ends.
        TEST_DATABASE_URL="$pg_url" python scripts/prepare_test_postgres.py
        pg_rc=$?
        pg_pid=""
        if [ "$pg_rc" -eq 0 ]; then
            run=(env TEST_DATABASE_URL="$pg_url" python -m pytest tests/unit testkit benchmarks -q)
            if command -v flock >/dev/null; then
                # Runs from other checkouts on this machine share the database: take turns.
                lock="${TMPDIR:-/tmp}/collab-pg-$(basename "${pg_url%%\?*}").lock"
                flock -n "$lock" true || echo "waiting for another test run using $pg_url"
                run=(flock "$lock" "${run[@]}")
            fi
            mkdir -p test-artifacts
            pg_log=test-artifacts/unit-postgres.log
            pg_start=$SECONDS
            "${run[@]}" >"$pg_log" 2>&1 &
            pg_pid=$!
        fi
        step "unit tests (SQLite)" python -m pytest tests/unit testkit benchmarks -q
        if [ "$pg_rc" -eq 3 ]; then
            pg_host="${pg_url#*://}"
            pg_host="${pg_host#*@}"
            skip "unit tests (PostgreSQL)" "PostgreSQL not reachable at ${pg_host%%/*}"
        elif [ "$pg_rc" -ne 0 ]; then
            summary+=("FAILED       unit tests (PostgreSQL): could not prepare $pg_url")
            failed+=("unit tests (PostgreSQL)")
        else
            wait "$pg_pid"
            pg_status=$?
            echo
            echo "==> unit tests (PostgreSQL) (ran alongside the SQLite run)"
            cat "$pg_log"
            record_counts "$pg_log"
            took=$((SECONDS - pg_start))
            if [ "$pg_status" -eq 0 ]; then
                summary+=("ok       ${took}s  unit tests (PostgreSQL)")
            else
                summary+=("FAILED   ${took}s  unit tests (PostgreSQL) (exit $pg_status)")
                failed+=("unit tests (PostgreSQL)")
            fi
        fi
        ;;
    e2e)
        dirs=()
        for dir in tests/e2e tests/security; do
            [ -d "$dir" ] && dirs+=("$dir")
        done
        step "browser tests (${dirs[*]})" python -m pytest "${dirs[@]}" -q
        ;;
    *)
        echo "unknown group: $group (expected lint, unit or e2e)" >&2
        exit 2
        ;;
    esac
done

echo
echo "==> summary"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "make test FAILED: ${failed[*]}"
fi
# Last line: the totals of every pytest run above, in the plain form CI reads.
echo "tests: ${total_passed} passed, ${total_failed} failed"
[ "${#failed[@]}" -eq 0 ]
