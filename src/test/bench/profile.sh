#!/usr/bin/env bash
# Where the gateway's CPU goes on one operation under load, by Java Flight Recorder.
#
#   src/test/bench/profile.sh                      # the catalog page of ../shared/peers/bench.sh
#   QUERY='{ me { id } }' TOKEN=... src/test/bench/profile.sh
#
# Starts the peers' store (../shared/peers/store, mongo-java-server in its own process) on cpu 1 with 50
# products seeded as bench.sh seeds them, and the gateway jar warmed up on both cores, then pinned to cpu 0 with
# one active processor as bench.sh runs it; records 20 s of load (64 connections, wrk on cpu 1) with JFR's
# "profile" settings and prints the hottest frames: by own time (the method on top of the stack), and by time
# spent inside, for the gateway's own methods. The recording stays in target/profile.jfr.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PEERS=${PEERS:-../shared/peers}
STORE_PORT=${STORE_PORT:-27019}
PORT=${PORT:-18081}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-20}
TOP=${TOP:-25}
QUERY=${QUERY:-'{ products(first: 20, sort: NEWEST) { edges { node { id name price { amount currency } inStock } } } }'}
JAR=target/storefront-gateway-0.1.0-SNAPSHOT.jar
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:ActiveProcessorCount=1}
WORK=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
[ -f "$PEERS/store/target/store.jar" ] || mvn -q -B -f "$PEERS/store/pom.xml" package
[ -d "$PEERS/node_modules" ] || (cd "$PEERS" && npm ci --no-audit --no-fund >/dev/null)

taskset -c 1 java -Xms1g -Xmx1g -XX:ActiveProcessorCount=1 -jar "$PEERS/store/target/store.jar" "$STORE_PORT" \
  > "$WORK/store.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do grep -q ready "$WORK/store.log" && break; sleep 0.5; done
(cd "$PEERS" && node seed.mjs "mongodb://127.0.0.1:$STORE_PORT" 50 >/dev/null)

java $JVM_OPTS -jar "$JAR" --server.port="$PORT" --spring.mongodb.uri="mongodb://127.0.0.1:$STORE_PORT/peer" \
  --storefront.security.jwt.secret="$(openssl rand -base64 48)" > "$WORK/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health" && break; sleep 0.5; done

cat > "$WORK/load.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$( [ -n "${TOKEN:-}" ] && echo "wrk.headers[\"Authorization\"] = \"Bearer $TOKEN\"" )
wrk.body = [[$(node -e 'process.stdout.write(JSON.stringify({ query: process.argv[1] }))' "$QUERY")]]
EOF
load() { taskset -c 1 wrk -t1 -c64 -d"${1}s" -s "$WORK/load.lua" "http://127.0.0.1:$PORT/graphql"; }

echo "warming up on both cores ($WARMUP s)..." >&2
load "$WARMUP" > /dev/null
taskset -a -cp 0 "$gateway" > /dev/null
load 5 > /dev/null
jcmd "$gateway" JFR.start name=profile settings=profile filename="$PWD/target/profile.jfr" > /dev/null
load "$DURATION" | grep -E 'Requests/sec|Latency'
jcmd "$gateway" JFR.stop name=profile > /dev/null

jfr print --json --events jdk.ExecutionSample target/profile.jfr | python3 -c '
import json, sys, collections
top = int(sys.argv[1])
samples = json.load(sys.stdin)["recording"]["events"]
own, inside = collections.Counter(), collections.Counter()
def name(frame):
    method = frame["method"]
    return method["type"]["name"] + "." + method["name"]
for sample in samples:
    frames = sample["values"]["stackTrace"]["frames"]
    if not frames:
        continue
    own[name(frames[0])] += 1
    for method in {name(frame) for frame in frames}:
        if method.startswith("io.storefront"):
            inside[method] += 1
total = len(samples)
print(f"{total} samples")
print(f"\nby own time (top {top})")
for method, count in own.most_common(top):
    print(f"{100 * count / total:6.1f}%  {method}")
print(f"\ngateway methods, by time inside them (top {top})")
for method, count in inside.most_common(top):
    print(f"{100 * count / total:6.1f}%  {method}")
' "$TOP"
