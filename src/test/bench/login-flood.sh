#!/usr/bin/env bash
# The catalog's latency beside a flood of log-ins: what rationing the password hash buys.
#
#   src/test/bench/login-flood.sh            # from the project's root; about 3 minutes
#
# Runs the gateway jar (dev profile: embedded store in the same process, demo data, BCrypt cost 12) on cpu 0
# with one active processor (warmed up on both), and wrk on cpu 1, and measures the first catalog page (16 connections) three ways:
#   alone;
#   beside a log-in flood (about FLOOD_RATE, default 100, log-ins a second over 32 connections: wrong passwords
#   for ever new emails) with hashing rationed as shipped (storefront.security.password-hashing.*);
#   beside the same flood with hashing unbounded, as before the rationing.
# The log-in throttle and the per-address share are lifted for the run, so that every flooding log-in reaches the
# hash, as a flood from many addresses would: what is measured is the rationing alone.
# Needs wrk, curl and taskset. Figures vary between runs on shared machines: compare the rows of one run.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT=${PORT:-18080}
DURATION=${DURATION:-20}
FLOOD_RATE=${FLOOD_RATE:-100}
FLOOD_CONNECTIONS=32
WARMUP=${WARMUP:-20}
JAR=target/storefront-gateway-0.1.0-SNAPSHOT.jar
WORK=$(mktemp -d)
SERVER_PID=

[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/catalog.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query": "{ products(first: 20, sort: NEWEST) { edges { node { id name price { amount currency } inStock } } } }"}'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF

cat > "$WORK/flood.lua" <<'EOF'
-- counters are globals of each thread's state, read back in done() through setup's thread handles
counter, refused, checked = 0, 0, 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local body = '{"query": "mutation($i: LogInInput!) { logIn(input: $i) { token } }", "variables": {"i": {"email": "flood-'
    .. counter .. '-' .. math.random(1, 1000000000) .. '@example.com", "password": "not the password"}}}'
  return wrk.format(nil, nil, nil, body)
end
-- each connection pauses between its log-ins, so that the flood attempts about FLOOD_RATE log-ins a second
-- whatever the answers take, as a flood from many clients would
delay = function()
  return FLOOD_DELAY_MS
end
response = function(status, headers, body)
  if string.find(body, "TOO_MANY_REQUESTS", 1, true) then refused = refused + 1 else checked = checked + 1 end
end
done = function(summary, latency, requests)
  local r, c = 0, 0
  for _, thread in ipairs(threads) do r = r + thread:get("refused"); c = c + thread:get("checked") end
  io.write(string.format("FLOOD %d %d %.2f %.1f\n", c, r, latency:percentile(50) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
EOF

start_server() {
  # started on both cores, so that the JIT is not starved while warming up; pinned to cpu 0 for measuring
  taskset -c 0,1 java -Xms1g -Xmx1g -XX:ActiveProcessorCount=1 -jar "$JAR" --spring.profiles.active=dev \
    --server.port="$PORT" --logging.level.io.storefront.gateway.graphql.GraphQlTransport=WARN \
    --storefront.security.login-throttle.per-account-and-address=1000000000 \
    --storefront.security.login-throttle.per-address=1000000000 \
    --storefront.security.password-hashing.max-per-address=1000000 "$@" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; then return; fi
    sleep 0.5
  done
  echo "the gateway did not start; its log:" >&2; cat "$WORK/server.log" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

catalog() {
  taskset -c 1 wrk -t1 -c16 -d"${1}s" -s "$WORK/catalog.lua" "http://127.0.0.1:$PORT/graphql" | grep '^RESULT'
}

# runs the catalog measurement beside a log-in flood; prints the catalog's RESULT line and the flood's FLOOD line
beside_flood() {
  sed "s/FLOOD_DELAY_MS/$((1000 * FLOOD_CONNECTIONS / FLOOD_RATE))/" "$WORK/flood.lua" > "$WORK/flood-rate.lua"
  taskset -c 1 wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$((DURATION + 4))s" -s "$WORK/flood-rate.lua" \
    "http://127.0.0.1:$PORT/graphql" > "$WORK/flood.out" &
  local flood=$!
  sleep 2
  catalog "$DURATION"
  wait "$flood"
  grep '^FLOOD' "$WORK/flood.out"
}

row() {
  # $1 label, $2 RESULT line, $3 FLOOD line or empty
  read -r _ rps p50 p99 errors <<< "$2"
  local flood="-"
  if [ -n "${3:-}" ]; then
    read -r _ checked refused _ flood_rps <<< "$3"
    flood="$flood_rps log-ins/s: $checked passwords checked, $refused refused at once"
  fi
  printf '%-34s %9s %9s %9s %7s   %s\n' "$1" "$rps" "$p50" "$p99" "$errors" "$flood"
}

warm_up() {
  echo "warming up ($WARMUP s)..." >&2
  catalog "$WARMUP" > /dev/null
  taskset -a -pc 0 "$SERVER_PID" > /dev/null
  catalog 5 > /dev/null
}

start_server
warm_up
alone=$(catalog "$DURATION")
rationed=$(beside_flood)
stop_server

start_server --storefront.security.password-hashing.max-concurrent=1000 \
  --storefront.security.password-hashing.max-waiting=1000000 --storefront.security.password-hashing.max-wait=10m
warm_up
unbounded=$(beside_flood)
stop_server

printf '\ncatalog page, 16 connections, %s s each; gateway on cpu 0 (1 active processor), wrk on cpu 1\n' "$DURATION"
printf '%-34s %9s %9s %9s %7s   %s\n' "" "req/s" "p50 ms" "p99 ms" "errors" "flood beside it"
row "alone" "$alone"
row "log-in flood, hashing rationed" "$(echo "$rationed" | grep '^RESULT')" "$(echo "$rationed" | grep '^FLOOD')"
row "log-in flood, hashing unbounded" "$(echo "$unbounded" | grep '^RESULT')" "$(echo "$unbounded" | grep '^FLOOD')"
