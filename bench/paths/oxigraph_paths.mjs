// Oxigraph side of the path bench: load the generated N-Triples into an in-memory Store, then
// run the reachability query RUNS times in-process (warm) and print
// "load_s<TAB>median_ms<TAB>rows".
//
//   node oxigraph_paths.mjs OXIGRAPH_DIR GRAPH.nt RUNS QUERY_TEXT
//
// OXIGRAPH_DIR is the scratch folder where `npm install oxigraph` ran (kept out of the repo).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [oxDir, dataPath, runsText, query] = process.argv.slice(2);
const runs = Number(runsText);
const require = createRequire(join(oxDir, 'package.json'));
const oxigraph = require('oxigraph');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const store = new oxigraph.Store();
const t0 = performance.now();
// A JS string holds at most 512 MiB: load the N-Triples in chunks cut at line ends (one
// statement per line, IRIs and literals only, so every chunk parses on its own).
const bytes = readFileSync(dataPath);
const chunk = 64 << 20;
for (let begin = 0; begin < bytes.length;) {
  let end = Math.min(begin + chunk, bytes.length);
  if (end < bytes.length) end = bytes.indexOf(0x0a, end) + 1 || bytes.length;
  store.load(bytes.toString('utf8', begin, end), { format: 'application/n-triples' });
  begin = end;
}
const loadSeconds = (performance.now() - t0) / 1000;
process.stderr.write(`oxigraph ${require('oxigraph/package.json').version}: loaded ${store.size} ` +
                     `triples in ${loadSeconds.toFixed(1)} s\n`);

const times = [];
let rows = -1;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const result = store.query(query);  // materialises every solution
  times.push(performance.now() - start);
  rows = Array.isArray(result) ? result.length : 1;
}
console.log(`${loadSeconds.toFixed(1)}\t${median(times).toFixed(3)}\t${rows}`);
