#!/usr/bin/env bash
# CPU per request of a signed-in and a nested staff operation, against the catalog page, on one gateway.
#
#   src/test/bench/operations.sh                   # from the project's root; about 4 minutes
#
# Starts the peers' store (../shared/peers/store) on cpu 1 with the 50 products ../shared/peers/bench.sh seeds,
# and the gateway jar as bench.sh runs it (one processor, 1 GB heap), with the demo accounts and the sweeper off.
# It signs up a customer who puts 5 products in their cart, and a buyer who checks out 25 orders of 2 lines
# each. Then, for each operation, it warms the gateway up on both cores, pins it to cpu 0 and measures 20 s at 64
# connections (wrk on cpu 1):
#   catalog   { products(first: 20, sort: NEWEST) { ... } }, anonymous (bench.sh's query)
#   myCart    docs/operations/myCart.graphql, as the customer: 5 lines, live prices
#   orders    docs/operations/ordersWithCustomersAndProducts.graphql, first: 20, as ADMIN
# and counts the MongoDB commands one request sends (the driver's command metric, over 20 requests sent one by
# one). The target: each operation's CPU per request at most 1.5 x the catalog page's per command it sends.
# Needs wrk, curl, taskset, node (for the seed) and python3.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT=${PORT:-18082}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-20}
PASSWORD=bench-only-demo-password
. src/test/bench/peer-store.sh
start_gateway "$PORT" --storefront.store.demo-data=true --storefront.store.demo-password="$PASSWORD" \
  --storefront.checkout.sweeper-enabled=false --management.endpoints.web.exposure.include=health,metrics

# the customer, the buyer and their orders; prints the two tokens and ADMIN's
python3 - "$PORT" "$PASSWORD" > "$WORK/tokens" <<'EOF'
import json, sys, time, urllib.request
port, password = sys.argv[1], sys.argv[2]
def call(query, variables=None, token=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql",
        json.dumps({"query": query, "variables": variables or {}}).encode(), {"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    answer = json.load(urllib.request.urlopen(request))
    if answer.get("errors"):
        sys.exit(f"setup failed: {query[:60]}: {answer['errors']}")
    return answer["data"]
stamp = str(int(time.time()))
def sign_up(name):
    return call("mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
        {"i": {"email": f"{name}-{stamp}@bench.example", "password": "bench-password-1", "name": name}})["signUp"]["token"]
products = [edge["node"]["id"] for edge in call("{ products(first: 40) { edges { node { id inStock } } } }")
    ["products"]["edges"] if edge["node"]["inStock"]]
add = "mutation($i: AddToCartInput!) { addToCart(input: $i) { itemCount } }"
customer = sign_up("customer")
for product in products[:5]:
    call(add, {"i": {"productId": product, "quantity": 1}}, customer)
buyer = sign_up("buyer")
address = {"name": "Bench Buyer", "line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "DE"}
for n in range(25):
    for product in (products[n % len(products)], products[(n + 7) % len(products)]):
        call(add, {"i": {"productId": product, "quantity": 1}}, buyer)
    call("mutation($i: CheckoutInput!) { checkout(input: $i) { id } }",
        {"i": {"idempotencyKey": f"bench-{stamp}-{n:03d}", "shippingAddress": address}}, buyer)
admin = call("mutation($i: LogInInput!) { logIn(input: $i) { token } }",
    {"i": {"email": "admin@storefront.example", "password": password}})["logIn"]["token"]
print(customer)
print(admin)
EOF
customer=$(sed -n 1p "$WORK/tokens")
admin=$(sed -n 2p "$WORK/tokens")

body() { python3 -c 'import json, sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "$2"; }
catalog_body=$(body "$CATALOG_QUERY" '{}')
cart_body=$(body "$(grep -v '^#' docs/operations/myCart.graphql)" '{}')
orders_body=$(body "$(grep -v '^#' docs/operations/ordersWithCustomersAndProducts.graphql)" '{"first": 20}')

commands() { curl -s "http://127.0.0.1:$PORT/actuator/metrics/mongodb.driver.commands" \
  | python3 -c 'import json, sys; print(int(next(m["value"] for m in json.load(sys.stdin)["measurements"] if m["statistic"] == "COUNT")))'; }

measure() { # name, body, token
  local script; script=$(lua "$2" "$3")
  local answer; answer=$(curl -s -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} \
    --data-binary "$2" "http://127.0.0.1:$PORT/graphql")
  if [[ "$answer" == *'"errors"'* ]]; then echo "$1 answered with errors: ${answer:0:300}" >&2; exit 1; fi
  local figures; figures=$(pinned_run "$PORT" "$script")
  local n0 n1
  n0=$(commands)
  for _ in $(seq 20); do
    curl -s -o /dev/null -H 'Content-Type: application/json' ${3:+-H "Authorization: Bearer $3"} \
      --data-binary "$2" "http://127.0.0.1:$PORT/graphql"
  done
  n1=$(commands)
  # the metric request itself sends nothing to the store
  echo "$1 $(cut -d' ' -f1,2 <<<"$figures") $(awk -v n=$((n1 - n0)) 'BEGIN {printf "%.2f", n / 20}')"
}

{
  [ -n "${ONLY:-}" ] && [ "$ONLY" != catalog ] || measure catalog "$catalog_body" ""
  [ -n "${ONLY:-}" ] && [ "$ONLY" != myCart ] || measure myCart "$cart_body" "$customer"
  [ -n "${ONLY:-}" ] && [ "$ONLY" != orders ] || measure orders "$orders_body" "$admin"
} > "$WORK/results"

awk '
  NR == 1 { base = $3 }
  { rows[NR] = $0 }
  END {
    printf "%-9s %9s %13s %13s %15s  %s\n", "operation", "req/s", "server us/req", "commands/req", "budget us/req", "within"
    for (i = 1; i <= NR; i++) {
      split(rows[i], f, " ")
      budget = (i == 1) ? f[3] : 1.5 * base * f[4]
      printf "%-9s %9.0f %13d %13.2f %15.0f  %s\n", f[1], f[2], f[3], f[4], budget, (i == 1) ? "(the base)" : ((f[3] <= budget) ? "yes" : "NO")
    }
  }' "$WORK/results"
