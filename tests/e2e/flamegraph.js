// Draws a profile as a flame graph PNG: speedscope (from npm) reads `perf script` output in
// Debian's Chromium and its "left heavy" view (the stacks merged, heaviest first) is
// screenshotted. Used by scripts/profile.sh.
// Usage: node flamegraph.js PERF_SCRIPT_FILE OUT_PNG [TITLE]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { CHROMIUM, CHROMIUM_ARGS } = require('./lib.js');

async function main() {
  const [input, output, title = path.basename(input)] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: node flamegraph.js PERF_SCRIPT_FILE OUT_PNG [TITLE]');
  const viewer = path.join(path.dirname(require.resolve('speedscope/package.json')), 'dist', 'release', 'index.html');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // speedscope's own command line hands a profile over as a script that calls
    // speedscope.loadFileFromBase64 (the viewer only offers that call when asked to load one).
    const loader = path.join(os.tmpdir(), `flamegraph-${process.pid}.js`);
    const base64 = fs.readFileSync(input).toString('base64');
    fs.writeFileSync(loader, `speedscope.loadFileFromBase64(${JSON.stringify(path.basename(input))}, ${JSON.stringify(base64)})`);
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await page.goto(`file://${viewer}#localProfilePath=${encodeURIComponent(loader)}` +
                      `&view=left-heavy&title=${encodeURIComponent(title)}`);
      // Loaded when the canvas view replaces the drop-a-file page; then a few frames to draw.
      await page.waitForFunction(() => !document.body.innerText.includes('Drag and drop'), null, { timeout: 60000 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: output });
    } finally {
      fs.rmSync(loader, { force: true });
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(`flamegraph: ${e.message}`); process.exit(1); });
