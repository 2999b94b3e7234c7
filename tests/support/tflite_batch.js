#!/usr/bin/env node
// Runs many .tflite models on real TensorFlow Lite (the WebAssembly build that ../shared/oracle
// sets up) in one process, so that op-level conformance tests pay the WebAssembly start-up once.
//
//   node tflite_batch.js MANIFEST.json
//   MANIFEST: {"oracle": "<path of shared/oracle>",
//              "cases": [{"model": "a.tflite", "inputs": ["in0.npy"], "outdir": "dir"}, ...]}
// Writes <outdir>/output_<i>.npy per case and prints one JSON line per case:
//   {"model": ..., "status": "ok"} or {"model": ..., "status": "error", "error": "..."}
'use strict';
const fs = require('fs'), path = require('path'), os = require('os'), vm = require('vm');

const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { readNpy, writeNpy } = require(path.join(manifest.oracle, 'npy.js'));
const searchDirs = [manifest.oracle,
  process.env.LITESCOPE_ORACLE_DIR || path.join(os.homedir(), '.cache', 'litescope-oracle')];
const wasmDir = path.join(path.dirname(
  require.resolve('@tensorflow/tfjs-tflite/package.json', { paths: searchDirs })), 'wasm');

function listOf(v) {
  const out = [];
  for (let i = 0; i < v.size(); i++) out.push(v.get(i));
  v.delete();
  return out;
}

function runCase(M, c) {
  const bytes = fs.readFileSync(c.model);
  const ptr = M._malloc(bytes.length);
  M.HEAPU8.set(bytes, ptr);
  try {
    const created = M.TFLiteWebModelRunner.CreateFromBufferAndOptions(ptr, bytes.length,
      { numThreads: -1, enableProfiling: false, maxProfilingBufferEntries: 16 });
    if (!created.ok()) throw new Error(created.errorMessage());
    const runner = created.value();
    const inputs = listOf(runner.GetInputs());
    if (inputs.length !== c.inputs.length) throw new Error(`model has ${inputs.length} inputs, case gives ${c.inputs.length}`);
    inputs.forEach((t, i) => {
      const x = readNpy(c.inputs[i]);
      if (x.dtype !== t.dataType) throw new Error(`input ${i} is ${t.dataType}, npy is ${x.dtype}`);
      t.data().set(x.data);
    });
    if (!runner.Infer()) throw new Error('Infer() failed');
    fs.mkdirSync(c.outdir, { recursive: true });
    listOf(runner.GetOutputs()).forEach((t, i) => writeNpy(path.join(c.outdir, `output_${i}.npy`), t.dataType,
      t.shape.split(',').filter(s => s !== '').map(Number), t.data().slice()));
    runner.delete();
    return { model: c.model, status: 'ok' };
  } catch (e) {
    return { model: c.model, status: 'error', error: String(e && e.message || e).split('\n')[0] };
  } finally {
    M._free(ptr);
  }
}

async function main() {
  const base = path.join(wasmDir, 'tflite_web_api_cc_simd');
  vm.runInThisContext(fs.readFileSync(base + '.js', 'utf8'), { filename: base + '.js' });
  const M = await globalThis.tflite_web_api_ModuleFactory({ wasmBinary: fs.readFileSync(base + '.wasm'),
    printErr: () => {} });
  for (const c of manifest.cases) console.log(JSON.stringify(runCase(M, c)));
}

main().catch(e => { console.error(String(e)); process.exit(2); });
