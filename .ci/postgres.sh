# Source this file: starts a throwaway PostgreSQL (Debian's postgresql package) for the store tests.
# Sets ORBAT_TEST_PG to its URL and stops the server (and removes its data) when the shell exits.
# Needs root for apt-get and to run initdb/pg_ctl as the postgres user.

pg_start() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql) >/dev/null
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /tmp/orbat-pg.XXXXXX)
  chown postgres "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
  PG_BIN=$bin
  trap pg_stop EXIT
  runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres orbat_test
  export ORBAT_TEST_PG="postgresql://postgres@127.0.0.1:$port/orbat_test"
  echo "postgresql for the tests at $ORBAT_TEST_PG" >&2
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
