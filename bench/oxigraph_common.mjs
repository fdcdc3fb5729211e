// What both Oxigraph bench scripts (bench/lubm, bench/paths) share: the oxigraph package from
// the scratch folder where `npm install oxigraph` ran (kept out of the repo), and timing one
// query warm and in-process.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export function loadOxigraph(oxDir) {
  const require = createRequire(join(oxDir, 'package.json'));
  return { oxigraph: require('oxigraph'), version: require('oxigraph/package.json').version };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Runs `query` `runs` times on `store`: { ms: the median milliseconds, rows }. query()
// materialises every solution as an array, so this covers producing all rows (wsiskg's --time
// likewise covers writing them). `name` labels the error when the row count changes.
export function timeQuery(store, query, runs, name) {
  const times = [];
  let rows = -1;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = store.query(query);
    times.push(performance.now() - start);
    const n = Array.isArray(result) ? result.length : 1;
    if (rows >= 0 && n !== rows) throw new Error(`${name}: row count changed (${rows} -> ${n})`);
    rows = n;
  }
  return { ms: median(times), rows };
}
