#!/usr/bin/env bash
# Runs every test project of the solution and closes with "N passed, N failed".
# Installs missing Debian prerequisites when it can (tests/prerequisites.sh) and starts a
# throwaway PostgreSQL on 127.0.0.1 for the record's contract tests.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p artifacts
log="artifacts/test.log"
tests/prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }
source tests/postgres.sh
trap stop_test_postgres EXIT
start_test_postgres || { echo "PostgreSQL did not start; see the output above."; echo "0 passed, 1 failed"; exit 1; }
dotnet test --solution Vigil.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -aE '^[[:space:]]*succeeded:' "$log" | tail -n 1 | awk '{print $2}')
failed=$(grep -aE '^[[:space:]]*failed:' "$log" | tail -n 1 | awk '{print $2}')
dotnet build-server shutdown >/dev/null 2>&1 || true
if [ "${failed:-0}" != "0" ]; then
  # Repeat each failed test and the first lines of its message last, where a truncated log still shows them.
  echo
  echo "Failed tests:"
  awk '/^[[:space:]]*failed [A-Za-z]/ { n = 30 } n > 0 { print; n-- }' "$log"
fi
if [ "$status" -ne 0 ] && [ -z "$failed" ]; then
  echo "The test run did not complete (exit $status); see $log."
fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
