// Oxigraph side of the LUBM bench: load the .nt.gz into an in-memory Store, then run each query
// RUNS times in-process (warm) and print "qNN<TAB>median_ms<TAB>rows" per query.
//
//   node oxigraph_bench.mjs OXIGRAPH_DIR DATA.nt.gz RUNS QUERY.rq...
//
// OXIGRAPH_DIR is the scratch folder where `npm install oxigraph` ran (kept out of the repo).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [oxDir, dataPath, runsText, ...queryPaths] = process.argv.slice(2);
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
store.load(gunzipSync(readFileSync(dataPath)).toString('utf8'),
           { format: 'application/n-triples' });
process.stderr.write(`oxigraph ${require('oxigraph/package.json').version}: loaded ${store.size} ` +
                     `triples in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

for (const path of queryPaths) {
  const text = readFileSync(path, 'utf8');
  const times = [];
  let rows = -1;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    // query() materialises every solution as an array, so this covers producing all rows
    // (wsiskg's --time likewise covers writing them).
    const result = store.query(text);
    times.push(performance.now() - start);
    const n = Array.isArray(result) ? result.length : 1;
    if (rows >= 0 && n !== rows) throw new Error(`${path}: row count changed (${rows} -> ${n})`);
    rows = n;
  }
  console.log(`${basename(path, '.rq')}\t${median(times).toFixed(3)}\t${rows}`);
}
