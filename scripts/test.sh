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

step() {
    local name="$1"
    shift
    echo
    echo "==> $name"
    local start=$SECONDS
    "$@"
    local rc=$?
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
        step "unit tests (SQLite)" python -m pytest tests/unit -q
        # An unreachable server is reported as skipped; any other problem is a failure.
        TEST_DATABASE_URL="$pg_url" python scripts/prepare_test_postgres.py
        pg_rc=$?
        if [ "$pg_rc" -eq 3 ]; then
            pg_host="${pg_url#*://}"
            pg_host="${pg_host#*@}"
            skip "unit tests (PostgreSQL)" "PostgreSQL not reachable at ${pg_host%%/*}"
        elif [ "$pg_rc" -ne 0 ]; then
            summary+=("FAILED       unit tests (PostgreSQL): could not prepare $pg_url")
            failed+=("unit tests (PostgreSQL)")
        else
            run=(env TEST_DATABASE_URL="$pg_url" python -m pytest tests/unit -q)
            if command -v flock >/dev/null; then
                # Runs from other checkouts on this machine share the database: take turns.
                lock="${TMPDIR:-/tmp}/collab-pg-$(basename "${pg_url%%\?*}").lock"
                flock -n "$lock" true || echo "waiting for another test run using $pg_url"
                run=(flock "$lock" "${run[@]}")
            fi
            step "unit tests (PostgreSQL)" "${run[@]}"
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
    exit 1
fi
echo "make test passed"
