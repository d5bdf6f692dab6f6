#!/usr/bin/env bash
# Where the gateway's CPU goes on one operation under load, by Java Flight Recorder.
#
#   src/test/bench/profile.sh                      # the catalog page of ../shared/peers/bench.sh
#   QUERY='{ me { id } }' TOKEN=... src/test/bench/profile.sh
#
# Starts the peers' store (../shared/peers/store, mongo-java-server in its own process) on cpu 1 with 50
# products seeded as bench.sh seeds them, and the gateway jar sized for one processor as bench.sh runs it, warms
# it up, and records DURATION seconds of load (64 connections, wrk on cpu 1) with execution samples every 10 ms.
# The gateway is not pinned to one core while recorded: with 64 busy threads on one core the sampler starves and
# throughput collapses (seen here: 713 to 36 requests/s with JFR's "profile" settings). It prints where the
# time goes by the library of the first non-JDK frame, the hottest such methods, and the gateway's methods on the
# stack. The recording stays in target/profile.jfr.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT=${PORT:-18081}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-40}
TOP=${TOP:-25}
. src/test/bench/peer-store.sh
QUERY=${QUERY:-$CATALOG_QUERY}
start_gateway "$PORT"

cat > "$WORK/load.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$( [ -n "${TOKEN:-}" ] && echo "wrk.headers[\"Authorization\"] = \"Bearer $TOKEN\"" )
wrk.body = [[$(node -e 'process.stdout.write(JSON.stringify({ query: process.argv[1] }))' "$QUERY")]]
EOF
load() { taskset -c 1 wrk -t1 -c64 -d"${1}s" -s "$WORK/load.lua" "http://127.0.0.1:$PORT/graphql"; }

cat > "$WORK/samples.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="samples" description="Execution samples only">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
EOF

echo "warming up ($WARMUP s)..." >&2
load "$WARMUP" > /dev/null
jcmd "$gateway" JFR.start name=profile settings="$WORK/samples.jfc" filename="$PWD/target/profile.jfr" > /dev/null
load "$DURATION" | grep -E 'Requests/sec|Latency'
jcmd "$gateway" JFR.stop name=profile > /dev/null

jfr print --json --events jdk.ExecutionSample target/profile.jfr | python3 -c '
import json, sys, collections
top = int(sys.argv[1])
samples = json.load(sys.stdin)["recording"]["events"]
JDK = ("java.", "jdk.", "sun.", "javax.")
AREAS = [("io.storefront", "gateway"), ("graphql.", "graphql-java"), ("org.springframework.graphql", "spring-graphql"),
         ("org.springframework.security", "spring-security"), ("org.springframework.data", "spring-data"),
         ("com.mongodb", "mongo-driver"), ("org.bson", "bson"), ("tools.jackson", "jackson"),
         ("ch.qos.logback", "logback"), ("org.slf4j", "logback"), ("io.micrometer", "micrometer"), ("reactor.", "reactor"),
         ("org.apache", "tomcat"), ("org.springframework.web", "spring-web"), ("org.springframework.boot", "spring-boot"),
         ("org.springframework", "spring-core"), ("org.dataloader", "dataloader"), ("com.github.benmanes", "caffeine")]
def name(frame):
    return frame["method"]["type"]["name"].replace("/", ".") + "." + frame["method"]["name"]
def area(method):
    return next((label for prefix, label in AREAS if method.startswith(prefix)), "jdk" if method.startswith(JDK) else "other")
leaf, libs, gateway = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    frames = [name(f) for f in sample["values"]["stackTrace"]["frames"]]
    if not frames:
        continue
    first = next((m for m in frames if not m.startswith(JDK)), frames[0])
    leaf[first] += 1
    libs[area(first)] += 1
    gateway.update(m for m in set(frames) if m.startswith("io.storefront"))
total = len(samples)
print(f"{total} samples")
print("\nwhere the time goes, by the library of the first non-JDK frame")
for label, count in libs.most_common():
    print(f"{100 * count / total:6.1f}%  {label}")
print(f"\nhottest methods, first non-JDK frame (top {top})")
for method, count in leaf.most_common(top):
    print(f"{100 * count / total:6.1f}%  {method}")
print(f"\ngateway methods on the stack (top {top}; stacks deeper than 64 frames lose their outer frames)")
for method, count in gateway.most_common(top):
    print(f"{100 * count / total:6.1f}%  {method}")
' "$TOP"
