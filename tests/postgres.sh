#!/usr/bin/env bash
# Sourced by test.sh: starts a throwaway PostgreSQL cluster on 127.0.0.1 in a temporary folder
# and exports VIGIL_TEST_POSTGRES, the connection string the record's contract tests use.
# stop_test_postgres stops it and removes the folder.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/vigil-pg-XXXXXX)
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_test_postgres() {
  [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; return 1; }
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  echo "vigil-test" > "$pg_dir/pw" && [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir/pw"
  pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U vigil --auth=scram-sha-256 --pwfile="$pg_dir/pw" >/dev/null || return 1
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null || return 1
  export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=vigil;Password=vigil-test;Database=postgres"
}

stop_test_postgres() {
  [ -d "$pg_dir/data" ] && pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
