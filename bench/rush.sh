#!/usr/bin/env bash
# The selection rush benchmark, side by side on one machine and one load (issue 5, benchmarks 1–2):
#   (a) the raw ceiling: GET /api/v1/bench/ping through the same server, no database
#   (b) the naive baseline (bench/baselines): one transaction per selection
#   (c) kehou's real path on SQLite (synchronous=FULL)      (d) the same on PostgreSQL (fsync on)
# Usage: bench/rush.sh [scale] [connections] [children]   (defaults: county 1000 all; scale city for the city)
#   RUNS="a b c d" picks the runs (default all); RATE=N makes every run an open loop offering N selections/s
#   (latency then counts from each family's scheduled arrival); SKIP_PG=1 is RUNS="a b c".
# Work files go to build/rush-bench/<scale>; the summary is printed last.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-county}
CONNS=${2:-1000}
CHILDREN=${3:-0}
RUNS=${RUNS:-a b c d}
[ "${SKIP_PG:-0}" = 1 ] && RUNS=${RUNS//d/}
wants() { [[ " $RUNS " == *" $1 "* ]]; }
RATE_FLAG=(); [ -n "${RATE:-}" ] && RATE_FLAG=(--rate "$RATE")
W=build/rush-bench/$SCALE
mkdir -p "$W/bin"
# The binaries are copied first, so a rebuild during a long run cannot mix versions.
cp build/kehou build/bench/rush_server build/bench/rush_bench "$W/bin/"
B=$W/bin
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/pg-test-server.sh stop "$W/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Starts rush_server on DB; sets PORT.
serve() {
  local db=$1 key=$2
  "$B/rush_server" --db "$db" --port 0 --pii-key-file "$key" > "$W/server.out" 2> "$W/server.err" &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/^kehou listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$W/server.out")
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  cat "$W/server.err" >&2; exit 1
}
stop() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }
run() {  # name target db [reset]
  local name=$1 target=$2 db=$3; shift 3
  echo "== $name: $(uptime | sed 's/.*load/load/')"
  "$B/rush_bench" run --plan "$W/plan.txt" --port "$PORT" --target "$target" --connections "$CONNS" \
    --db "$db" "${RATE_FLAG[@]}" "$@" | tee "$W/$name.txt"
  echo "$name $(grep '^RESULT' "$W/$name.txt")" >> "$W/summary.txt"
}
: > "$W/summary.txt"

# SQLite: (a), (b), (c), each on fresh seats with a fresh server.
if [ ! -f "$W/seed.db" ]; then
  "$B/kehou" seed --scale "$SCALE" --db "$W/seed.db" --log-level warn > /dev/null
fi
rm -f "$W"/run.db*; cp "$W/seed.db" "$W/run.db"; cp "$W/kehou.key" "$W/run.key"
"$B/rush_bench" prepare --db "$W/run.db" --plan "$W/plan.txt" --children "$CHILDREN"
if wants a || wants b; then
  serve "$W/run.db" "$W/run.key"
  if wants a; then run "a-ceiling" ping "$W/run.db"; fi
  if wants b; then run "b-naive-sqlite" naive "$W/run.db" --reset; fi
  stop
fi
if wants c; then serve "$W/run.db" "$W/run.key"; run "c-kehou-sqlite" select "$W/run.db" --reset; stop; fi

# PostgreSQL (durable settings): (b) and (d).
if wants d; then
  rm -rf "$W/pg"; PG_DURABLE=1 scripts/pg-test-server.sh start "$W/pg" > /dev/null
  URL=$(cat "$W/pg/url")
  "$B/kehou" seed --scale "$SCALE" --db "$URL" --pii-key-file "$W/pg.key" --log-level warn > /dev/null
  "$B/rush_bench" prepare --db "$URL" --plan "$W/plan.txt" --children "$CHILDREN"
  if wants b; then serve "$URL" "$W/pg.key"; run "b-naive-postgres" naive "$URL" --reset; stop; fi
  serve "$URL" "$W/pg.key"; run "d-kehou-postgres" select "$URL" --reset; stop
fi

echo; echo "== summary ($SCALE, $CONNS connections, $(nproc) cores)"
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } names[++n] = $1 }
     END { ceil = v["a-ceiling", "rate"]; ns = v["b-naive-sqlite", "rate"]; np = v["b-naive-postgres", "rate"];
           printf "%-18s %10s %8s %8s %8s %9s %9s %3s\n", "run", "per s", "p50 ms", "p99 ms", "p99.9", "/ceiling", "/naive", "ok";
           for (i = 1; i <= n; i++) { k = names[i]; r = v[k, "rate"]; base = (k ~ /postgres/) ? np : ns;
             printf "%-18s %10d %8.1f %8.1f %8.1f %8.0f%% %8.1fx %3s\n", k, r, v[k, "p50"], v[k, "p99"], v[k, "p999"],
                    ceil ? 100 * r / ceil : 0, base ? r / base : 0, v[k, "ok"] } }' "$W/summary.txt"
