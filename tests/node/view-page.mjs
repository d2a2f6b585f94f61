// Opens an `articlekg view` page in headless Chromium (the Debian package) through
// playwright-core, and prints what it saw as JSON for tests/test_view.py: console errors,
// requests that left the file, the drawn node and edge counts with and without the
// structural edges, and the panel after a mouse click on NODE. Saves a screenshot of the
// page as it opens (SCREENSHOT.png) and one with that panel open (SCREENSHOT-panel.png).
// Usage: node view-page.mjs PAGE.html NODE_IRI SCREENSHOT.png
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page_file, node, screenshot] = process.argv.slice(2);
if (!page_file || !node || !screenshot) {
  process.stderr.write('usage: node view-page.mjs PAGE.html NODE_IRI SCREENSHOT.png\n');
  process.exit(2);
}
// A fresh profile every run, and a browser that tries no network of its own.
const profile = mkdtempSync(join(tmpdir(), 'articlekg-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // WebGL without a GPU: Chromium's software renderer, which it no longer picks itself.
    '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  ],
});
const report = { errors: [], requests: [] };
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') report.errors.push(message.text());
  });
  page.on('pageerror', (error) => report.errors.push(String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) {
      report.requests.push(request.url());
    }
  });
  const url = pathToFileURL(page_file).href;
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.articlekgView && window.articlekgView.ready, null, {
    timeout: 60000,
  });
  report.loadSeconds = (Date.now() - started) / 1000;
  report.drawnDomain = await page.evaluate(() => window.articlekgView.drawn());
  report.countsText = await page.textContent('#counts');
  await page.screenshot({ path: screenshot });
  await page.check('#structural');
  report.drawnAll = await page.evaluate(() => window.articlekgView.drawn());
  await page.uncheck('#structural');

  // Hide one type of the domain graph from the legend: its nodes leave the drawing.
  const firstType = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('graph-data').textContent);
    return data.types.map((t) => t.name).find((name) => !data.structuralTypes.includes(name));
  });
  await page.uncheck(`#legend input[data-type="${firstType}"]`);
  report.hiddenType = firstType;
  report.drawnWithoutType = await page.evaluate(() => window.articlekgView.drawn());
  await page.check(`#legend input[data-type="${firstType}"]`);

  // Bring the node to the middle, zoomed in, then click it as a user would.
  await page.evaluate((id) => window.articlekgView.centre(id), node);
  await page.waitForTimeout(300);
  const where = await page.evaluate((id) => window.articlekgView.position(id), node);
  await page.mouse.click(where.x, where.y);
  await page.waitForSelector('#panel:not([hidden])', { timeout: 10000 });
  report.panelNode = await page.getAttribute('#panel', 'data-node');
  report.panelText = await page.textContent('#panel');
  report.marked = await page.$$eval('#panel mark', (marks) => marks.map((m) => m.textContent));
  report.links = await page.$$eval('#panel .links a', (links) => links.map((a) => a.dataset.node));
  report.sentences = await page.$$eval('#panel blockquote', (quotes) => quotes.map((q) => q.textContent));

  // The whole graph again, with the clicked node's neighbourhood and its panel.
  await page.evaluate(() => window.articlekgView.overview());
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-panel.png') });

  // Search by label: typing a node's label lists it.
  const label = await page.$eval('#panel h2', (h) => h.textContent);
  await page.fill('#search', label);
  report.searchResults = await page.$$eval('#results li', (items) => items.map((i) => i.dataset.node));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report));
