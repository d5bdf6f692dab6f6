// graphql-inspector's diff, as a frontend team's CI runs it, between two SDL files (each may hold several files'
// worth of SDL, type extensions included). Run by SchemaAsWrittenTests:
//
//   node sdl-diff.mjs <old.graphqls> <new.graphqls>
//
// It prints the changes as JSON: [{ "criticality": "BREAKING" | "DANGEROUS" | "NON_BREAKING", "message": ... }].
import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { diff } from "@graphql-inspector/core";

const [before, after] = process.argv.slice(2).map((file) => buildSchema(readFileSync(file, "utf8")));
const changes = await diff(before, after);
console.log(JSON.stringify(changes.map((change) => ({
  criticality: change.criticality.level,
  message: change.message,
}))));
