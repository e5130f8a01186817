#!/usr/bin/env bash
# Throw-away PostgreSQL 15 server for the tests (a CTest fixture):
#   pg-test-server.sh start DIR   fresh cluster in DIR/data on 127.0.0.1:<free port>, database
#                                 kehou_test; writes the URL to DIR/url and prints it
#   pg-test-server.sh stop DIR    stops it by the PID in DIR/data/postmaster.pid (idempotent);
#                                 DIR/data stays for inspection
#   pg-test-server.sh url DIR     prints the URL if the server runs, else exits 1
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
die() { echo "pg-test-server: $*" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
cmd=$1
DIR=$(realpath -m -- "$2")   # absolute, symlinks resolved: it is compared with /proc/PID/cwd
DATA=$DIR/data
[ "$DIR" != / ] || die "refusing to use / as DIR"

# Runs a command as USER. PostgreSQL refuses to run as root, so root switches to USER.
run_as() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# PID of the postmaster serving DATA, or failure. A stale postmaster.pid may name a PID that was
# reused by an unrelated process, so it only counts if that process runs in DATA (the postmaster
# chdirs to its data directory).
running_pid() {
  local pid
  [ -r "$DATA/postmaster.pid" ] || return 1
  pid=$(head -n 1 "$DATA/postmaster.pid")
  [[ $pid =~ ^[0-9]+$ ]] && is_ours "$pid" && echo "$pid"
}
is_ours() { [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$DATA" ]; }

do_stop() {
  local pid owner
  rm -f "$DIR/url"
  pid=$(running_pid) || return 0
  owner=$(stat -c %U "$DATA")
  if [ -x "$PGBIN/pg_ctl" ] && { [ "$(id -u)" -ne 0 ] || [ "$owner" != root ]; }; then
    run_as "$owner" "$PGBIN/pg_ctl" stop -D "$DATA" -m fast -w -t 30 >/dev/null || true
  fi
  if is_ours "$pid"; then
    echo "pg-test-server: PID $pid still runs; sending SIGTERM" >&2
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 60); do is_ours "$pid" || break; sleep 0.5; done
    ! is_ours "$pid" || die "PostgreSQL (PID $pid) still runs 30 s after SIGTERM"
  fi
  echo "pg-test-server: stopped PID $pid" >&2
}

# Something accepts connections on 127.0.0.1:PORT, or listens on PORT on any address.
port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$1")" ]
}

do_start() {
  local bin user="" port="" opts log=$DIR/postgres.log p part parts
  for bin in initdb pg_ctl createdb postgres; do
    [ -x "$PGBIN/$bin" ] || die "$PGBIN/$bin not found: install postgresql-15 (scripts/bootstrap.sh)"
  done
  # The server's Unix socket DIR/.s.PGSQL.NNNNN must fit in sun_path (107 bytes).
  [ $((${#DIR} + 15)) -le 107 ] || die "DIR path is too long for a Unix socket (max 92 bytes): $DIR"
  # DIR goes into pg_ctl's -o string, which pg_ctl passes through /bin/sh.
  [[ ! $DIR =~ [[:space:]\'\"\\,] ]] || die "DIR must not contain whitespace, quotes, backslashes or commas: $DIR"

  do_stop
  rm -rf "$DATA"
  mkdir -p "$DIR"
  rm -f "$log"
  if [ "$(id -u)" -eq 0 ]; then
    if id -u postgres >/dev/null 2>&1; then user=postgres
    else
      user=kehou-pg
      id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
    fi
    chown -R "$user:" "$DIR"
    # The server user needs search (x) permission on every parent directory of DIR.
    if ! runuser -u "$user" -- test -x "$DIR" -a -w "$DIR"; then
      p=""   # name the first directory from / down that blocks it
      IFS=/ read -ra parts <<<"${DIR#/}"
      for part in "${parts[@]}"; do
        p+=/$part
        runuser -u "$user" -- test -x "$p" || break
      done
      die "user $user cannot reach $DIR: no search (x) permission on $p (e.g. a home directory with mode 700); chmod o+x it or use a DIR elsewhere"
    fi
  else
    user=$(id -un)
  fi
  cd "$DIR"   # the server user may not be able to read the caller's working directory

  run_as "$user" "$PGBIN/initdb" -D "$DATA" --auth=trust -U kehou --encoding=UTF8 --locale=C \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

  for _ in 1 2 3 4 5 6 7 8; do
    port=$(shuf -i 20000-60000 -n 1)
    if port_busy "$port"; then port=""; continue; fi
    opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$DIR'"
    # Tests trade durability for speed; benchmarks (PG_DURABLE=1) measure a server that keeps its word.
    if [ "${PG_DURABLE:-0}" = 1 ]; then
      opts+=" -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300 -c shared_buffers=512MB"
    else
      opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    fi
    run_as "$user" "$PGBIN/pg_ctl" -w -t 60 start -D "$DATA" -l "$log" -o "$opts" >/dev/null && break
    # Another process may have taken the port between the check and the bind: only that is worth a retry.
    grep -qE 'could not bind|could not create any TCP/IP sockets' "$log" 2>/dev/null || { port=""; break; }
    port=""
  done
  [ -n "$port" ] || { tail -n 20 "$log" >&2 2>/dev/null || true; die "could not start PostgreSQL (log: $log)"; }

  run_as "$user" "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U kehou kehou_test \
    || { do_stop; die "createdb kehou_test failed (log: $log)"; }
  echo "postgresql://kehou@127.0.0.1:$port/kehou_test" >"$DIR/url"
  cat "$DIR/url"
}

case $cmd in
  start) do_start ;;
  stop) do_stop ;;
  url)
    if running_pid >/dev/null && [ -s "$DIR/url" ]; then cat "$DIR/url"
    else echo "pg-test-server: no server running in $DATA" >&2; exit 1; fi ;;
  *) echo "usage: $0 start|stop|url DIR" >&2; exit 2 ;;
esac
