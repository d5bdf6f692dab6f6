#!/usr/bin/env bash
# The catalog page in filter mode with the authorization projection on and off
# (storefront.security.authorization.projection), on one gateway at a time.
#
#   src/test/bench/projection.sh                   # from the project's root; about 9 minutes
#
# Starts the peers' store (../shared/peers/store) on cpu 1 with the 50 products ../shared/peers/bench.sh seeds,
# then, for each setting, the gateway jar as bench.sh runs it (one processor, 1 GB heap) with the demo accounts,
# warms it up on both cores, pins it to cpu 0 and measures 20 s at 64 connections (wrk on cpu 1) of:
#   anonymous  bench.sh's catalog page, which selects no guarded field: the projection decides nothing
#   support    the same page as SUPPORT, also selecting stock and cost: the projection leaves cost out of the
#              find, and the answer has cost null with one FORBIDDEN error per product either way
# It also checks that each page's answer is the same, byte for byte, with the projection on and off.
# Needs wrk, curl, taskset, node (for the seed) and python3.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT=${PORT:-18083}
WARMUP=${WARMUP:-90}
DURATION=${DURATION:-20}
PASSWORD=bench-only-demo-password
. src/test/bench/peer-store.sh

body() { python3 -c 'import json, sys; print(json.dumps({"query": sys.argv[1]}))' "$1"; }
anonymous_body=$(body "$CATALOG_QUERY")
support_body=$(body '{ products(first: 20, sort: NEWEST) { edges { node { id name price { amount currency } inStock stock cost { amount currency } } } } }')

# SETTINGS="false true" measures in the other order: the first gateway also pays for the store's own warm-up
for projection in ${SETTINGS:-true false}; do
  start_gateway "$PORT" --storefront.store.demo-data=true --storefront.store.demo-password="$PASSWORD" \
    --storefront.checkout.sweeper-enabled=false --storefront.security.authorization.projection=$projection
  support=$(curl -s -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/graphql" --data-binary \
    "{\"query\": \"mutation { logIn(input: {email: \\\"support@storefront.example\\\", password: \\\"$PASSWORD\\\"}) { token } }\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["logIn"]["token"])')
  for page in anonymous support; do
    if [ $page = anonymous ]; then payload=$anonymous_body; token=; else payload=$support_body; token=$support; fi
    curl -s -H 'Content-Type: application/json' ${token:+-H "Authorization: Bearer $token"} --data-binary "$payload" \
      "http://127.0.0.1:$PORT/graphql" > "$WORK/answer-$page-$projection"
    echo "$page $projection $(pinned_run "$PORT" "$(lua "$payload" "$token")")" >> "$WORK/results"
  done
  kill "$gateway"
  wait "$gateway" 2>/dev/null || true
done

printf "%-10s %-11s %9s %13s %9s\n" page projection req/s "server us/req" "p99"
while read -r page projection rps us p99; do
  printf "%-10s %-11s %9.0f %13d %9s\n" "$page" "$([ "$projection" = true ] && echo on || echo off)" "$rps" "$us" "$p99"
done < "$WORK/results"
for page in anonymous support; do
  if cmp -s "$WORK/answer-$page-true" "$WORK/answer-$page-false"; then same=yes; else same=NO; fi
  echo "$page: the same answer with the projection on and off: $same ($(wc -c < "$WORK/answer-$page-true") bytes)"
done
