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
