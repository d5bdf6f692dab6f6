#!/usr/bin/env bash
# How long the JIT needs before the gateway runs at speed, beside the floor of ../shared/peers/bench.sh: each
# server started fresh (one processor, 1 GB heap, as bench.sh runs it) on the same store, DURATION seconds of
# the catalog page at 64 connections, and Java Flight Recorder's jdk.Compilation events. Prints, per server, the
# rate reached, the C2 compilations made under load, the C2 compiler's seconds, and those seconds per 10 s
# window: a window near 10 s means the one C2 thread was busy all of it.
#
#   src/test/bench/jit.sh          # about 4 minutes
set -euo pipefail
cd "$(dirname "$0")/../../.."

DURATION=${DURATION:-100}
. src/test/bench/peer-store.sh
[ -f "$PEERS/rest-floor/target/rest-floor.jar" ] || mvn -q -B -f "$PEERS/rest-floor/pom.xml" package -DskipTests

cat > "$WORK/compilations.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="compilations" description="Every JIT compilation">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
JFC
cat > "$WORK/load.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"query":"$CATALOG_QUERY"}]]
LUA

measure() { # NAME URL WRK-ARGS... after the server's command line in SERVER
  local name=$1 url=$2
  shift 2
  java $JVM_OPTS -XX:StartFlightRecording=settings="$WORK/compilations.jfc",filename="$WORK/$name.jfr" "${SERVER[@]}" \
    > "$WORK/$name.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 120); do curl -sf -o /dev/null "$HEALTH" && break; sleep 0.5; done
  local start
  start=$(date +%s)
  local rate
  rate=$(taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" "$@" "$url" | awk '/Requests\/sec/ {print $2}')
  jcmd "$pid" JFR.dump filename="$WORK/$name.jfr" >/dev/null
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  jfr print --json --events jdk.Compilation "$WORK/$name.jfr" | python3 -c '
import json, sys, datetime, collections
name, start, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3]
events, seen = [], set()
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]
    if v["compileId"] not in seen:
        seen.add(v["compileId"])
        events.append(v)
at = lambda v: datetime.datetime.fromisoformat(v["startTime"].replace("Z", "+00:00")).timestamp() - start
took = lambda v: float(v["duration"][2:-1])
c2 = [v for v in events if v["compileLevel"] == 4 and at(v) >= 0]
windows = collections.Counter()
for v in c2:
    windows[int(at(v) // 10)] += took(v)
print(f"{name:10} {float(rate):8.0f} req/s   C2 under load: {len(c2):5d} methods, {sum(map(took, c2)):5.1f} s;"
      f" per 10 s: {[round(windows[i], 1) for i in range(max(windows) + 1 if windows else 0)]}")
' "$name" "$start" "$rate"
}

SERVER=(-jar "$JAR" --server.port=18081 --spring.mongodb.uri="mongodb://127.0.0.1:$STORE_PORT/peer"
  --storefront.security.jwt.secret="$(openssl rand -base64 48)")
HEALTH=http://127.0.0.1:18081/actuator/health
measure gateway http://127.0.0.1:18081/graphql -s "$WORK/load.lua"

SERVER=(-jar "$PEERS/rest-floor/target/rest-floor.jar" --server.port=18082
  --spring.mongodb.uri="mongodb://127.0.0.1:$STORE_PORT/peer")
HEALTH="http://127.0.0.1:18082/products"
measure floor "http://127.0.0.1:18082/products?first=20"
