#!/usr/bin/env node
// Renders Vega-Lite specs to SVG, headless: vega's SVG renderer needs no canvas and no browser.
//   node render.mjs SPEC.vl.json OUT.svg [SPEC.vl.json OUT.svg ...]
// Several pairs per call because loading vega costs more than rendering one chart.
// Text is measured by vega's estimate (no canvas here), so labels may sit a few pixels off.
// Warnings and errors go to stdout, which framebench reads (it prints nothing else). An error
// logged by vega, or any attempt to load data, fails the run: exit status 1.
import { readFile, writeFile, rename } from 'node:fs/promises';

const say = (line) => process.stdout.write(`${line}\n`);
let vega, vegaLite;

async function render(specPath, svgPath) {
  let spec;
  try {
    spec = JSON.parse(await readFile(specPath, 'utf8'));
  } catch (e) {
    throw new Error(`${specPath}: ${e.message}`);
  }
  const quiet = () => {};
  const warn = (...a) => say(`${specPath}: warning: ${a.join(' ')}`);
  const vlLogger = { level: () => 2, error: warn, warn, info: quiet, debug: quiet };
  const compiled = vegaLite.compile(spec, { logger: vlLogger }).spec;
  // No loader access: the data is inlined, and a spec must never make the renderer fetch anything.
  // (vega only warns when loading fails, so the attempt itself is the error.)
  const fetched = [];
  const loader = vega.loader({ mode: 'file' });
  loader.load = async (uri) => {
    fetched.push(uri);
    throw new Error('data must be inline');
  };
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, logLevel: vega.Warn });
  const errors = [];
  view.logger({
    level: () => vega.Warn,
    error: (...a) => errors.push(a.join(' ')),
    warn: (...a) => {
      if (!fetched.length) warn(...a);
    },
    info: quiet,
    debug: quiet,
  });
  const svg = await view.toSVG();
  view.finalize();
  if (fetched.length) errors.push(`spec tries to load ${fetched.join(', ')}; data must be inline`);
  if (errors.length) throw new Error(`${specPath}: ${errors.join('; ')}`);
  const tmp = `${svgPath}.tmp`;
  await writeFile(tmp, svg);
  await rename(tmp, svgPath);
}

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  say('usage: node render.mjs SPEC.vl.json OUT.svg [SPEC.vl.json OUT.svg ...]');
  process.exit(2);
}
try {
  vega = await import('vega');
  vegaLite = await import('vega-lite');
  vega.textMetrics.width = (await import('./text_metrics.mjs')).textWidth;
  for (let i = 0; i < args.length; i += 2) await render(args[i], args[i + 1]);
} catch (e) {
  say(`render.mjs: ${e.message}`);
  process.exit(1);
}
