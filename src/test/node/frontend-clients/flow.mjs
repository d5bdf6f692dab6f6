// A frontend team's catalog flow with Apollo Client, against a running gateway: automatic persisted queries
// sent by GET (the hash alone first, the text only when the gateway asks for it), three pages of the catalog
// walked by cursor, and every amount read as what it is on the wire. Run by ApolloClientFlowTests:
//
//   node flow.mjs <graphql-url> <operation-file> <accept-header or "default">
//
// It prints one JSON object: the pages as the application sees them, and every HTTP exchange it made.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries";

const [url, operationFile, accept] = process.argv.slice(2);
const exchanges = [];

async function recordingFetch(input, init) {
  const response = await fetch(input, init);
  const body = await response.clone().text();
  exchanges.push({
    method: init?.method ?? "GET",
    query: new URL(String(input)).searchParams.has("query") || (init?.body ?? "").includes('"query"'),
    status: response.status,
    contentType: response.headers.get("content-type"),
    cacheControl: response.headers.get("cache-control"),
    etag: response.headers.get("etag"),
    vary: response.headers.get("vary"),
    errors: body.startsWith("{") ? JSON.parse(body).errors ?? null : null,
  });
  return response;
}

const http = new HttpLink({
  uri: url,
  fetch: recordingFetch,
  headers: accept === "default" ? {} : { accept },
});
const persisted = createPersistedQueryLink({
  sha256: (text) => createHash("sha256").update(text).digest("hex"),
  useGETForHashedQueries: true,
});
const client = new ApolloClient({ link: persisted.concat(http), cache: new InMemoryCache() });

const page = gql(readFileSync(operationFile, "utf8"));
const pages = [];
let after = null;
for (let i = 0; i < 3; i++) {
  const { data } = await client.query({
    query: page,
    variables: { first: 2, after },
    fetchPolicy: "network-only",
  });
  pages.push(data.products.edges.map(({ node }) => ({
    id: node.id,
    amount: node.price.amount,
    amountType: typeof node.price.amount,
    currency: node.price.currency,
  })));
  after = data.products.pageInfo.endCursor;
}
console.log(JSON.stringify({ pages, exchanges }));
