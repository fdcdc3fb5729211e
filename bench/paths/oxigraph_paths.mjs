// Oxigraph side of the path bench: load the generated N-Triples into an in-memory Store, then
// run the reachability query RUNS times in-process (warm) and print
// "load_s<TAB>median_ms<TAB>rows".
//
//   node oxigraph_paths.mjs OXIGRAPH_DIR GRAPH.nt RUNS QUERY_TEXT
//
// OXIGRAPH_DIR is the scratch folder where `npm install oxigraph` ran (kept out of the repo).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { loadOxigraph, timeQuery } from '../oxigraph_common.mjs';

const [oxDir, dataPath, runsText, query] = process.argv.slice(2);
const runs = Number(runsText);
const { oxigraph, version } = loadOxigraph(oxDir);

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
process.stderr.write(`oxigraph ${version}: loaded ${store.size} ` +
                     `triples in ${loadSeconds.toFixed(1)} s\n`);

const { ms, rows } = timeQuery(store, query, runs, 'the reachability query');
console.log(`${loadSeconds.toFixed(1)}\t${ms.toFixed(3)}\t${rows}`);
