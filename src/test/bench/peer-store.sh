# Sourced by the benchmark scripts here: the peers' store (../shared/peers/store, mongo-java-server in its own
# process) on cpu 1 with the 50 products ../shared/peers/bench.sh seeds, and the gateway jar beside it as bench.sh
# runs it (one processor, 1 GB heap). Everything started is stopped, and WORK removed, when the script exits.
PEERS=${PEERS:-../shared/peers}
STORE_PORT=${STORE_PORT:-27019}
JAR=target/storefront-gateway-0.1.0-SNAPSHOT.jar
JVM_OPTS=${JVM_OPTS:--Xms1g -Xmx1g -XX:ActiveProcessorCount=1}
# the catalog page bench.sh measures
CATALOG_QUERY='{ products(first: 20, sort: NEWEST) { edges { node { id name price { amount currency } inStock } } } }'
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

start_gateway() { # PORT, more arguments: sets gateway to its pid, once it answers its health check
  local port=$1
  shift
  java $JVM_OPTS -jar "$JAR" --server.port="$port" --spring.mongodb.uri="mongodb://127.0.0.1:$STORE_PORT/peer" \
    --storefront.security.jwt.secret="$(openssl rand -base64 48)" "$@" > "$WORK/gateway.log" 2>&1 &
  gateway=$!
  pids+=($gateway)
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health" && break; sleep 0.5; done
}

lua() { # body, token: a wrk script that POSTs the body, with the token when one is given
  local file="$WORK/$RANDOM.lua"
  {
    echo 'wrk.method = "POST"'
    echo 'wrk.headers["Content-Type"] = "application/json"'
    [ -n "$2" ] && echo "wrk.headers[\"Authorization\"] = \"Bearer $2\""
    echo "wrk.body = [[$1]]"
  } > "$file"
  echo "$file"
}

cpu_ms() { local s; s=$(<"/proc/$gateway/stat"); s=${s##*) }; local -a f; read -r -a f <<<"$s"; echo $(((f[11] + f[12]) * 1000 / $(getconf CLK_TCK))); }

pinned_run() { # PORT, wrk script: warm up on both cores, pin the gateway to cpu 0, print "req/s us/req p99"
  taskset -a -cp 0,1 "$gateway" > /dev/null
  taskset -c 1 wrk -t1 -c64 -d"${WARMUP}s" -s "$2" "http://127.0.0.1:$1/graphql" > /dev/null
  taskset -a -cp 0 "$gateway" > /dev/null
  taskset -c 1 wrk -t1 -c64 -d5s -s "$2" "http://127.0.0.1:$1/graphql" > /dev/null
  local c0 c1 out rps
  c0=$(cpu_ms)
  out=$(taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" --latency -s "$2" "http://127.0.0.1:$1/graphql")
  c1=$(cpu_ms)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "$rps $(awk -v d=$((c1 - c0)) -v r="$rps" -v s="$DURATION" 'BEGIN {printf "%.0f", d * 1000 / (r * s)}') $(awk '/ 99%/ {print $2}' <<<"$out")"
}
