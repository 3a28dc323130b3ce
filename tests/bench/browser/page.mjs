// Runs in the benchmark page (page.html). Exposes `window.bench`:
//   bench.ready              resolves once DuckDB-WASM is instantiated (not timed: "warm")
//   bench.duckdb(sql, names) registers the selected Files and runs `sql`; times from the call
//   bench.readFiles()        reads every selected File in 8 MiB slices with FileReaderSync in a
//                            worker, as Uptake's worker does, touching every 4 KiB: the ceiling
import * as duckdb from './node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const DIST = './node_modules/@duckdb/duckdb-wasm/dist/';
const BUNDLES = {
  mvp: { mainModule: new URL(`${DIST}duckdb-mvp.wasm`, import.meta.url).href, mainWorker: new URL(`${DIST}duckdb-browser-mvp.worker.js`, import.meta.url).href },
  eh: { mainModule: new URL(`${DIST}duckdb-eh.wasm`, import.meta.url).href, mainWorker: new URL(`${DIST}duckdb-browser-eh.worker.js`, import.meta.url).href },
};

const input = document.getElementById('files');
let db;

async function start() {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker);
  db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  return bundle.mainModule.split('/').pop();
}

const READER = `
onmessage = (e) => {
  const t0 = performance.now();
  const reader = new FileReaderSync();
  let bytes = 0, sum = 0;
  for (const file of e.data) {
    for (let at = 0; at < file.size; at += 8 << 20) {
      const buf = new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + (8 << 20))));
      for (let i = 0; i < buf.length; i += 4096) sum += buf[i];
      bytes += buf.length;
    }
  }
  postMessage({ bytes, sum, ms: performance.now() - t0 });
};`;

window.bench = {
  ready: start(),
  async duckdb(sql, names) {
    const t0 = performance.now();
    const files = [...input.files];
    for (const [i, file] of files.entries()) {
      await db.registerFileHandle(names[i], file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
    const conn = await db.connect();
    const result = await conn.query(sql);
    const rows = result.numRows;
    await conn.close();
    const ms = performance.now() - t0;
    for (const name of names) await db.dropFile(name);
    return { ms, rows };
  },
  readFiles() {
    const url = URL.createObjectURL(new Blob([READER], { type: 'text/javascript' }));
    const worker = new Worker(url);
    return new Promise((resolve) => {
      worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
      worker.postMessage([...input.files]);
    });
  },
};
