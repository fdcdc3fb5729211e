// Oxigraph side of the LUBM bench: load the .nt.gz into an in-memory Store, then run each query
// RUNS times in-process (warm) and print "qNN<TAB>median_ms<TAB>rows" per query.
//
//   node oxigraph_bench.mjs OXIGRAPH_DIR DATA.nt.gz RUNS QUERY.rq...
//
// OXIGRAPH_DIR is the scratch folder where `npm install oxigraph` ran (kept out of the repo).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';

import { loadOxigraph, timeQuery } from '../oxigraph_common.mjs';

const [oxDir, dataPath, runsText, ...queryPaths] = process.argv.slice(2);
const runs = Number(runsText);
const { oxigraph, version } = loadOxigraph(oxDir);

const store = new oxigraph.Store();
const t0 = performance.now();
store.load(gunzipSync(readFileSync(dataPath)).toString('utf8'),
           { format: 'application/n-triples' });
process.stderr.write(`oxigraph ${version}: loaded ${store.size} ` +
                     `triples in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

for (const path of queryPaths) {
  const { ms, rows } = timeQuery(store, readFileSync(path, 'utf8'), runs, path);
  console.log(`${basename(path, '.rq')}\t${ms.toFixed(3)}\t${rows}`);
}
