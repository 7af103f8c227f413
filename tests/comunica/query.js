// Runs one SPARQL query with Comunica and prints {"rows": [...], "requests": N, "urls": [...]} as JSON.
//
//   node query.js MODE QUERY_FILE SOURCE [REWRITE_FROM REWRITE_TO]
//
// MODE: "sparql" (SOURCE is a SPARQL endpoint), "fragments" (SOURCE is a Triple Pattern
// Fragments interface, found by its hydra controls), "traversal" (SOURCE is an entity IRI: the
// link-traversal engine follows links from it). Every request goes through one fetch that
// counts it and, for IRIs starting with REWRITE_FROM, asks REWRITE_TO instead (as w3id.org
// redirects to the server); any other non-loopback URL is refused, so nothing leaves the machine.
"use strict";

const fs = require("fs");

const [mode, queryFile, source, rewriteFrom, rewriteTo] = process.argv.slice(2);
const query = fs.readFileSync(queryFile, "utf8");
const urls = [];

function loopback(url) {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

async function countingFetch(input, init) {
  let url = typeof input === "string" ? input : input.url;
  if (rewriteFrom && url.startsWith(rewriteFrom)) {
    url = rewriteTo + url.slice(rewriteFrom.length);
  }
  if (!loopback(url)) {
    throw new Error(`refused non-loopback request: ${url}`);
  }
  urls.push(url);
  return fetch(url, init);
}

function term(t) {
  if (t.termType === "Literal") {
    return { type: "literal", value: t.value, lang: t.language || undefined, datatype: t.datatype && t.datatype.value };
  }
  return { type: t.termType === "NamedNode" ? "uri" : "bnode", value: t.value };
}

async function main() {
  let engine;
  let sources;
  if (mode === "traversal") {
    const { QueryEngine } = require("@comunica/query-sparql-link-traversal");
    engine = new QueryEngine();
    sources = [source];
  } else {
    const { QueryEngine } = require("@comunica/query-sparql");
    engine = new QueryEngine();
    sources = [{ type: mode === "sparql" ? "sparql" : "qpf", value: source }];
  }
  const context = { sources, fetch: countingFetch, lenient: mode === "traversal" };
  const stream = await engine.queryBindings(query, context);
  const bindings = await stream.toArray();
  const rows = bindings.map((b) => {
    const row = {};
    for (const [variable, value] of b) {
      row[variable.value] = term(value);
    }
    return row;
  });
  process.stdout.write(JSON.stringify({ rows, requests: urls.length, urls }) + "\n");
}

main().catch((e) => {
  process.stderr.write(`comunica: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
