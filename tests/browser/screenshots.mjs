// tests/browser/screenshots.mjs -- the pictures of docs/serve.md: each main
// view of the coding page at 1366×768, on the shipped corpus. Run through
// `tests/browser/run --screenshots` (or scripts/serve-screenshots), which
// builds the project first.
//
//   CODEER=... PROJECT=... node screenshots.mjs OUTDIR
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const CODEER = process.env.CODEER;
const PROJECT = process.env.PROJECT;
const out = path.resolve(process.argv[2] || '.');
const DOC = 's002-ribw-casussen';
const cli = (...args) => execFileSync(CODEER, args, { cwd: PROJECT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

// anna has coded part of the document: some of coder-b's passages, some of
// the rules' proposals accepted, one with a memo; so the pictures show
// hand codings, open proposals, overlaps and disagreements.
const b = cli('code', 'list', '--coder', 'coder-b', '--doc', DOC, '--format', 'json');
const rows = JSON.parse(b);
rows.slice(0, Math.ceil(rows.length * 0.6)).forEach((r, i) => {
	if (i % 3 === 2) return;
	cli('code', 'accept', '--coder', 'anna', '--from', 'coder-b', DOC, `c${r.start}-${r.end}`, r.code);
});
const auto = JSON.parse(cli('code', 'list', '--coder', 'auto', '--doc', DOC, '--format', 'json'));
if (auto.length > 1) cli('code', 'accept', '--coder', 'anna', DOC, `c${auto[0].start}-${auto[0].end}`, auto[0].code);
cli('memo', '--doc', DOC, 'Casussen van de RIBW: vooral eigen kracht tegenover de professionele blik. Terugkomen op casus 3.');

const srv = await serve(CODEER, ['serve', '--port', '0', '--no-open', '--coder', 'anna'], { cwd: PROJECT });
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
const page = await ctx.newPage();
await page.goto(`${srv.url}#${DOC}`);
await page.waitForSelector('body[data-ready="1"]');
await page.evaluate(() => {
	localStorage.setItem(`codeer:${document.querySelector('#project-name').textContent}:pinned`,
		JSON.stringify(['empowerment/EMP.EK', 'empowerment/EMP.EK.1', 'verbinden/NW', 'generalist-models/GEN', 'empowerment/EMP.ZR']));
	localStorage.setItem(`codeer:${document.querySelector('#project-name').textContent}:recent`,
		JSON.stringify(['empowerment/EMP.EK', 'verbinden/NW', 'generalist-models/DIM.4']));
});
await page.reload();
await page.waitForSelector('body[data-ready="1"]');

// The coding view: a coding chosen, its details open, a few turns in.
await page.evaluate(() => { document.querySelector('#transcript').scrollTop = 0; });
const bar = page.locator('#transcript .bar.own').first();
await bar.scrollIntoViewIfNeeded();
await page.evaluate(() => { const t = document.querySelector('#transcript'); t.scrollTop = Math.max(0, t.scrollTop - 60); });
await page.waitForTimeout(200);
await page.locator('#transcript .bar.own').first().click();
await page.waitForSelector('#inspector .card');
await page.mouse.move(700, 740);
await page.waitForTimeout(300);
await page.screenshot({ path: path.join(out, 'serve-coding.png') });

// The codebook with a code's definition open and a search under way.
await page.keyboard.press('Escape');
await page.fill('#code-search', 'kracht');
await page.dispatchEvent('#code-search', 'input');
await page.click('#codebook .more[data-more="empowerment/EMP.EK.1"]');
await page.click('#memos-button');
await page.waitForSelector('#inspector textarea[data-memo="0"]');
await page.waitForTimeout(200);
await page.screenshot({ path: path.join(out, 'serve-memos.png') });
await page.fill('#code-search', '');
await page.dispatchEvent('#code-search', 'input');

// Compare: anna and coder-b side by side.
await page.click('.views [data-view="compare"]');
await page.selectOption('#cmp-a', 'anna');
await page.selectOption('#cmp-b', 'coder-b');
await page.waitForSelector('#compare .dis');
await page.waitForTimeout(200);
await page.evaluate(() => { const d = document.querySelector('#compare .crow.has-dis'); if (d) d.scrollIntoView({ block: 'start' }); document.querySelector('#compare').scrollTop -= 40; });
await page.waitForTimeout(200);
await page.screenshot({ path: path.join(out, 'serve-compare.png') });

// Retrieve: the matrix of coder-b, a cell's quotes.
await page.click('.views [data-view="retrieve"]');
await page.selectOption('#mx-coder', 'coder-b');
await page.waitForSelector('#matrix td button');
await page.locator(`#matrix button[data-case="s002-ribw"]`).first().click();
await page.waitForSelector('#quotes .quote');
await page.waitForTimeout(200);
await page.screenshot({ path: path.join(out, 'serve-quotes.png') });

await browser.close();
srv.proc.kill('SIGTERM');
for (const f of ['serve-coding.png', 'serve-memos.png', 'serve-compare.png', 'serve-quotes.png']) {
	console.log(`${path.join(out, f)} (${fs.statSync(path.join(out, f)).size} bytes)`);
}
