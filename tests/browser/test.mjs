// tests/browser/test.mjs -- the coding page of `codeer serve`, driven in
// headless Chromium with real mouse drags and key presses; every change is
// checked in the project's files on disk, not only on the page.
//
//   CODEER=build/codeer PROJECT=DIR node test.mjs [NAME...]
//
// PROJECT is a project with the shipped corpus, schemes, the rules' coder
// auto and tests/browser/run's extra documents (see run). MOCK=1 drives
// mock-server.mjs instead of `codeer serve`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CODEER = path.resolve(process.env.CODEER || 'codeer');
const PROJECT = path.resolve(process.env.PROJECT || '.');
const only = process.argv.slice(2);

function startServer(port = 0) {
	if (process.env.MOCK) {
		return serve('node', [path.join(here, 'mock-server.mjs'), '--project', PROJECT, '--codeer', CODEER, '--coder', 'anna', '--port', String(port)]);
	}
	return serve(CODEER, ['serve', '--port', String(port), '--no-open', '--coder', 'anna'], { cwd: PROJECT });
}

// ---------------------------------------------------------------- files

function readCodings(coder) {
	const f = path.join(PROJECT, 'codings', `${coder}.tsv`);
	if (!fs.existsSync(f)) return [];
	const lines = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);
	const head = lines[0].split('\t');
	return lines.slice(1).map((l) => {
		const f2 = l.split('\t');
		const r = Object.fromEntries(head.map((h, i) => [h, f2[i] ?? '']));
		r.start = +r.start;
		r.end = +r.end;
		return r;
	});
}
const coded = (coder, doc, start, end, code) => readCodings(coder).find((r) => r.doc === doc && r.start === start && r.end === end && r.code === code && r.status !== 'rejected');
function docText(id) { return fs.readFileSync(path.join(PROJECT, 'sources', `${id}.txt`), 'utf8'); }
// The code-point span of the one occurrence of phrase in a document.
function cpSpan(id, phrase) {
	const t = docText(id);
	const u = t.indexOf(phrase);
	assert.ok(u >= 0, `"${phrase}" is in ${id}`);
	assert.equal(t.indexOf(phrase, u + 1), -1, `"${phrase}" occurs once in ${id}`);
	const start = Array.from(t.slice(0, u)).length;
	return { start, end: start + Array.from(phrase).length };
}
async function until(what, fn, ms = 6000) {
	const t0 = Date.now();
	let last;
	for (;;) {
		try { last = await fn(); if (last) return last; } catch (e) { last = e; }
		if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

// ---------------------------------------------------------------- page helpers

async function newCtx(browser) {
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	ctx.setDefaultTimeout(10000);
	return ctx;
}

async function openPage(ctx, url, doc) {
	const page = await ctx.newPage();
	page.errors = [];
	page.on('pageerror', (e) => page.errors.push(e.message));
	await page.goto(`${url}${doc ? `#${doc}` : ''}`);
	await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
	return page;
}
async function openDoc(page, id) {
	const before = await page.evaluate(() => document.querySelector('#doc-title').textContent);
	if (before === id) return;
	await page.click(`#doc-list [data-doc="${id}"]`);
	await page.waitForFunction((d) => document.querySelector('#doc-title').textContent === d, id);
}
// Where the characters of phrase are on screen: the first and last
// character's boxes, found through the rendered text nodes.
async function phraseBoxes(page, phrase) {
	return page.evaluate((ph) => {
		const spans = Array.from(document.querySelectorAll('#transcript .txt > span'));
		let all = '';
		const at = [];
		for (const s of spans) { at.push([all.length, s]); all += s.textContent; }
		const i = all.indexOf(ph);
		if (i < 0) return null;
		const pos = (k) => { let j = at.length - 1; while (at[j][0] > k) j--; return { node: at[j][1].firstChild, off: k - at[j][0] }; };
		const box = (k) => {
			const p = pos(k);
			const r = document.createRange();
			r.setStart(p.node, p.off);
			const len = /[\uD800-\uDBFF]/.test(ph[k - i]) ? 2 : 1;
			r.setEnd(p.node, p.off + len);
			const b = r.getBoundingClientRect();
			return { x: b.x, y: b.y, w: b.width, h: b.height };
		};
		const last = /[\uDC00-\uDFFF]/.test(ph[ph.length - 1]) ? i + ph.length - 2 : i + ph.length - 1;
		return { first: box(i), second: box(i + 1), last: box(last), beforeLast: box(last - 1) };
	}, phrase);
}
async function scrollTo(page, phrase) {
	await page.evaluate((ph) => {
		const s = Array.from(document.querySelectorAll('#transcript .turn')).find((t) => t.textContent.includes(ph));
		if (s) s.scrollIntoView({ block: 'center' });
	}, phrase);
	await page.waitForTimeout(50);
}
// A real drag: press inside the second character of the phrase and let go
// inside its second-last, so the page has to snap to whole words.
async function drag(page, phrase) {
	await scrollTo(page, phrase);
	const b = await phraseBoxes(page, phrase);
	assert.ok(b, `"${phrase}" is on the page`);
	// Whole pixels, as a real mouse gives.
	const at = (r) => [Math.round(r.x + r.w / 2), Math.round(r.y + r.h / 2)];
	await page.mouse.move(...at(b.second));
	await page.mouse.down();
	await page.mouse.move(...at(b.beforeLast), { steps: 8 });
	await page.mouse.up();
	await page.waitForFunction(() => document.body.classList.contains('has-pending'));
}
async function saved(page) {
	await page.waitForFunction(() => /^(Saved|Not saved|Undone|Redone)/.test(document.querySelector('#status').textContent), null, { timeout: 8000 })
		.catch(async (e) => { throw new Error(`${e.message}; the status says "${await page.textContent('#status')}", the messages: ${await page.$$eval('#toasts .toast', (ts) => ts.map((t) => t.textContent).join(' / '))}`); });
	const s = await page.textContent('#status');
	const toasts = await page.$$eval('#toasts .toast', (ts) => ts.map((t) => t.textContent).join(' / '));
	assert.match(s, /^(Saved|Undone|Redone)/, `the page says saved (it says: ${s}; ${toasts})`);
	await page.evaluate(() => { document.querySelector('#status').textContent = ''; });
}
async function pin(page, code) {
	await page.fill('#code-search', '');
	await page.dispatchEvent('#code-search', 'input');
	const sel = `#codebook .pin[data-pin="${code}"]`;
	await page.locator(sel).scrollIntoViewIfNeeded();
	if (!(await page.getAttribute(sel, 'class')).includes(' on')) await page.click(sel);
}
const codingOnPage = (page, doc, start, end, code, coder = 'anna') => page.waitForSelector(
	`#transcript [data-key="${[coder, doc, start, end, code].join('\u0001')}"]`, { state: 'attached', timeout: 8000 });

// ---------------------------------------------------------------- tests

const DOC = 's000-professional-6';
const DOC2 = 's002-frion-casussen';
const T = {};

T['the page loads with the token; the API refuses requests without it'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url);
	const n = await page.locator('#doc-list [data-doc]').count();
	const docs = execFileSync(CODEER, ['docs', '--format', 'tsv'], { cwd: PROJECT, encoding: 'utf8' }).trim().split('\n').length - 1;
	assert.equal(n, docs, 'every document is listed');
	assert.match(await page.textContent('#coder-select option:checked'), /anna/);
	const noToken = await page.evaluate(async () => (await fetch('/api/docs')).status);
	assert.equal(noToken, 403);
	const badToken = await page.evaluate(async () => (await fetch('/api/docs', { headers: { 'X-Codeer-Token': 'x' } })).status);
	assert.equal(badToken, 403);
	await page.fill('#doc-filter', 'Gemeente B');
	const n2 = await page.locator('#doc-list [data-doc]').count();
	assert.ok(n2 > 0 && n2 < n, 'the filter matches attributes');
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

T['a mouse drag snaps to words and a click on a code writes the coding'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC);
	const phrase = 'Langzaam maar zeker wil ik daar steeds meer naartoe';
	const want = cpSpan(DOC, phrase);
	await drag(page, phrase);
	const hint = await page.textContent('#selection-hint');
	assert.ok(hint.includes(phrase), `the selection is the whole words: ${hint}`);
	await page.click('#codebook button.code[data-code="empowerment/EMP.ZR"]');
	await saved(page);
	assert.ok(coded('anna', DOC, want.start, want.end, 'empowerment/EMP.ZR'), 'the coding is in codings/anna.tsv');
	await codingOnPage(page, DOC, want.start, want.end, 'empowerment/EMP.ZR');
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

T['offsets are code points past characters outside the BMP'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, 'emoji');
	const phrase = 'bloemen voor de buurvrouw';
	const want = cpSpan('emoji', phrase);
	const u16 = docText('emoji').indexOf(phrase);
	assert.ok(u16 > want.start, 'the fixture has astral characters before the phrase');
	await drag(page, phrase);
	await page.click('#codebook button.code[data-code="verbinden/NW"]');
	await saved(page);
	assert.ok(coded('anna', 'emoji', want.start, want.end, 'verbinden/NW'), `coded at c${want.start}-${want.end}: ${JSON.stringify(readCodings('anna').filter((r) => r.doc === 'emoji'))}`);
	const shown = execFileSync(CODEER, ['show', '--format', 'json', 'emoji', `c${want.start}-${want.end}`], { cwd: PROJECT, encoding: 'utf8' });
	assert.equal(JSON.parse(shown).text, phrase, 'codeer show reads the same words back');
	await ctx.close();
};

T['keys: 1-9 apply pinned codes, typing finds a code, t codes the turn'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC2);
	await pin(page, 'empowerment/EMP.EK');
	await pin(page, 'verbinden/NW');
	const pinned = await page.$$eval('#pinned [data-code]', (bs) => bs.map((b) => b.dataset.code));
	assert.deepEqual(pinned.slice(0, 2), ['empowerment/EMP.EK', 'verbinden/NW']);

	let phrase = 'mensen met een licht verstandelijke beperking';
	let want = cpSpan(DOC2, phrase);
	await drag(page, phrase);
	await page.keyboard.press('2');
	await saved(page);
	assert.ok(coded('anna', DOC2, want.start, want.end, 'verbinden/NW'), 'key 2 applied the second pinned code');

	phrase = 'wat is nu het daadwerkelijke probleem';
	want = cpSpan(DOC2, phrase);
	await drag(page, phrase);
	await page.keyboard.type('zelfred');
	assert.equal(await page.inputValue('#code-search'), 'zelfred', 'typing went to the code search');
	await page.keyboard.press('Enter');
	await saved(page);
	assert.ok(coded('anna', DOC2, want.start, want.end, 'empowerment/EMP.ZR'), 'typing + Enter applied Zelfredzaamheid');

	// t: the turn under the mouse, with the last code used.
	const turns = JSON.parse(execFileSync(CODEER, ['show', '--turns', '--format', 'json', DOC2], { cwd: PROJECT, encoding: 'utf8' }));
	const t3 = turns[2];
	const box = await page.locator('#u2 .txt').boundingBox();
	await page.locator('#u2').scrollIntoViewIfNeeded();
	const box2 = await page.locator('#u2 .txt').boundingBox();
	await page.mouse.move(box2.x + 20, box2.y + 5);
	void box;
	await page.keyboard.press('t');
	await saved(page);
	assert.ok(coded('anna', DOC2, t3.start, t3.end, 'empowerment/EMP.ZR'), 't coded turn 3 whole');
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

T['proposals: accept one, reject one, accept all of a code'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const auto = readCodings('auto').filter((r) => r.status !== 'rejected');
	const counts = new Map();
	for (const r of auto) counts.set(`${r.doc}\t${r.code}`, (counts.get(`${r.doc}\t${r.code}`) || 0) + 1);
	const [docCode] = Array.from(counts).find(([, n]) => n >= 3) || [];
	assert.ok(docCode, 'some document has three proposals of one code');
	const [doc, code] = docCode.split('\t');
	const props = auto.filter((r) => r.doc === doc && r.code === code).sort((a, b) => a.start - b.start);
	const page = await openPage(ctx, srv.url, doc);
	const click = async (r) => {
		await scrollTo(page, Array.from(docText(doc)).slice(r.start, r.end).join('').slice(0, 40));
		const key = ['auto', r.doc, r.start, r.end, r.code].join('\u0001');
		const sel = `#transcript .bar.prop[data-key="${key}"]`;
		await page.locator(sel).scrollIntoViewIfNeeded();
		await page.click(sel);
		// this proposal's card, chosen: the card of the one before may
		// still be there, and a key pressed then would go to it
		await page.waitForSelector(`#inspector .card.prop.chosen[data-key="${key}"]`);
	};
	await click(props[0]);
	await page.click('#inspector [data-accept]');
	await saved(page);
	assert.ok(coded('anna', doc, props[0].start, props[0].end, code), 'accepted into anna');
	await click(props[1]);
	await page.keyboard.press('r');
	await saved(page);
	await until('the rejection on disk', () => readCodings('auto').find((r) => r.doc === doc && r.start === props[1].start && r.code === code).status === 'rejected');
	await page.click('#proposal-bar summary');
	await page.click(`#proposal-bar [data-accept-all="${code}"]`);
	await until('all accepted', () => props.slice(2).every((r) => coded('anna', doc, r.start, r.end, code)));
	assert.ok(!coded('anna', doc, props[1].start, props[1].end, code), 'the rejected one stays out');
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

T['memos on a coding, the document, its case and a code'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC);
	const phrase = 'kaart gebracht welke zorgcentra';
	const want = cpSpan(DOC, phrase);
	await drag(page, phrase);
	await page.keyboard.type('regie');
	await page.keyboard.press('Enter');
	await saved(page);
	const key = ['anna', DOC, want.start, want.end, 'empowerment/EMP.RG'].join('\u0001');
	await page.click(`#transcript .bar[data-key="${key}"]`);
	await page.fill('#inspector .coding-memo', 'boodschappen: zelfstandigheid, “regie”');
	await page.click('#inspector [data-save-memo]');
	await saved(page);
	assert.equal(coded('anna', DOC, want.start, want.end, 'empowerment/EMP.RG').memo, 'boodschappen: zelfstandigheid, “regie”');

	await page.keyboard.press('Escape');
	await page.click('#memos-button');
	await page.waitForSelector('#inspector textarea[data-memo="0"]');
	await page.fill('#inspector textarea[data-memo="0"]', 'Document: een professional over eigen kracht.');
	await page.click('#inspector [data-save-memo-i="0"]');
	await saved(page);
	assert.match(fs.readFileSync(path.join(PROJECT, 'memos', 'doc', `${DOC}.md`), 'utf8'), /een professional over eigen kracht/);
	await page.fill('#inspector textarea[data-memo="1"]', 'Case: Gemeente C.');
	await page.click('#inspector [data-save-memo-i="1"]');
	await saved(page);
	assert.match(fs.readFileSync(path.join(PROJECT, 'memos', 'case', `${DOC}.md`), 'utf8'), /Gemeente C/);
	await page.fill('#inspector textarea[data-memo="2"]', 'Regie: wie beslist?');
	await page.click('#inspector [data-save-memo-i="2"]');
	await saved(page);
	const list = JSON.parse(execFileSync(CODEER, ['memo', '--format', 'json'], { cwd: PROJECT, encoding: 'utf8' }));
	assert.ok(list.some((m) => m.kind === 'code' && m.target === 'empowerment/EMP.RG' && /wie beslist/.test(m.memo)), 'codeer memo lists the code memo');
	// A memo changed on the command line meanwhile is not overwritten.
	await page.fill('#inspector textarea[data-memo="0"]', 'Stale text from the page.');
	execFileSync(CODEER, ['memo', '--doc', '--replace', DOC, 'Changed on the command line.'], { cwd: PROJECT });
	await page.waitForTimeout(2500); // a poll comes and goes
	await page.click('#inspector [data-save-memo-i="0"]');
	await page.waitForSelector('#inspector .conflict');
	assert.match(fs.readFileSync(path.join(PROJECT, 'memos', 'doc', `${DOC}.md`), 'utf8'), /Changed on the command line/);
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

T['undo and redo write each step again'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC2);
	const phrase = 'Kijken of zij uit huis zouden kunnen';
	const want = cpSpan(DOC2, phrase);
	await drag(page, phrase);
	await page.keyboard.type('eigen kracht');
	await page.keyboard.press('Enter');
	await saved(page);
	assert.ok(coded('anna', DOC2, want.start, want.end, 'empowerment/EMP.EK'));
	await page.keyboard.press('Control+z');
	await saved(page);
	assert.ok(!coded('anna', DOC2, want.start, want.end, 'empowerment/EMP.EK'), 'undo removed it from disk');
	await page.keyboard.press('Control+Shift+Z');
	await saved(page);
	assert.ok(coded('anna', DOC2, want.start, want.end, 'empowerment/EMP.EK'), 'redo wrote it again');
	await page.keyboard.press('Control+z');
	await saved(page);
	await page.keyboard.press('Control+y');
	await saved(page);
	assert.ok(coded('anna', DOC2, want.start, want.end, 'empowerment/EMP.EK'), 'Ctrl-Y redoes too');
	await ctx.close();
};

T['two coders in two browsers at once, and one coder in two tabs, lose nothing'] = async ({ browser, srv }) => {
	const ca = await newCtx(browser);
	const cb = await newCtx(browser);
	const doc = 's003-participant-1';
	const pa = await openPage(ca, srv.url, doc);
	const pb = await openPage(cb, srv.url, doc);
	await pb.selectOption('#coder-select', '+new');
	await pb.fill('#new-coder-name', 'bert');
	await pb.click('#new-coder button[value="ok"]');
	await pb.waitForFunction(() => document.querySelector('#coder-select').value === 'bert');
	assert.match(await pb.textContent('#coder-select option:checked'), /bert/, 'the header names the coder');
	const turns = JSON.parse(execFileSync(CODEER, ['show', '--turns', '--format', 'json', doc], { cwd: PROJECT, encoding: 'utf8' })).slice(0, 6);
	// Each window: one selection coded by key, then t on every turn; both
	// windows at the same time.
	const work = async (page, code) => {
		await pin(page, code);
		await drag(page, 'gegeven moment is er wisseling');
		await page.keyboard.press('1');
		await saved(page);
		for (let i = 0; i < turns.length; i++) {
			await page.evaluate((n) => { document.getElementById(`u${n}`).scrollIntoView({ block: 'center' }); }, i);
			const b = await page.locator(`#u${i} .txt`).boundingBox();
			await page.mouse.move(b.x + 10, b.y + 6);
			await page.keyboard.press('t');
			await saved(page);
		}
	};
	await Promise.all([work(pa, 'empowerment/EMP.EK'), work(pb, 'verbinden/NW')]);
	assert.ok(turns.every((t) => coded('anna', doc, t.start, t.end, 'empowerment/EMP.EK')), 'anna\'s turns are on disk');
	assert.ok(turns.every((t) => coded('bert', doc, t.start, t.end, 'verbinden/NW')), 'bert\'s turns are on disk');
	// One coder in two tabs: the second tab's version is stale; the page
	// reloads and writes on top of the first tab's coding, not over it.
	const pa2 = await openPage(ca, srv.url, doc);
	const ph1 = 'goed moet kunnen luisteren';
	const ph2 = 'inlevingsvermogen moet hebben';
	await drag(pa2, ph2); // pa2 read the codings before pa writes
	await drag(pa, ph1);
	await pa.keyboard.press('1');
	await saved(pa);
	await pa2.keyboard.press('1');
	await saved(pa2);
	const s1 = cpSpan(doc, ph1), s2 = cpSpan(doc, ph2);
	assert.ok(coded('anna', doc, s1.start, s1.end, 'empowerment/EMP.EK'), 'the first tab\'s coding survives');
	assert.ok(coded('anna', doc, s2.start, s2.end, 'empowerment/EMP.EK'), 'the second tab\'s coding is there too');
	assert.ok(turns.every((t) => coded('anna', doc, t.start, t.end, 'empowerment/EMP.EK')), 'nothing of anna\'s was lost');
	// Each window shows the other's work after its next poll.
	await codingOnPage(pa, doc, s2.start, s2.end, 'empowerment/EMP.EK');
	await ca.close();
	await cb.close();
};

T['a change on the command line shows on the page without a reload'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC);
	const phrase = 'Langzaam maar zeker wil ik daar steeds meer naartoe';
	const { start, end } = cpSpan(DOC, phrase);
	execFileSync(CODEER, ['code', 'add', '--coder', 'anna', DOC, `c${start}-${end}`, 'verbinden/VM'], { cwd: PROJECT });
	const t0 = Date.now();
	await codingOnPage(page, DOC, start, end, 'verbinden/VM');
	const ms = Date.now() - t0;
	console.log(`    (the command line's coding showed after ${ms} ms)`);
	execFileSync(CODEER, ['code', 'rm', '--coder', 'anna', DOC, `c${start}-${end}`, 'verbinden/VM'], { cwd: PROJECT });
	await page.waitForSelector(`#transcript [data-key="${['anna', DOC, start, end, 'verbinden/VM'].join('\u0001')}"]`, { state: 'detached', timeout: 6000 });
	await ctx.close();
};

T['a coding made on the page redraws only its turn and fetches no codings; the command line\'s still shows'] = async ({ browser, srv }) => {
	const doc = 's002-mee-casussen';
	const turns = JSON.parse(execFileSync(CODEER, ['show', '--turns', '--format', 'json', doc], { cwd: PROJECT, encoding: 'utf8' }));
	const [t5, t7] = [turns[4], turns[6]];
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, doc);
	await pin(page, 'verbinden/NW');
	// A first coding by key makes NW the code t repeats.
	const phrase = 'wat wij vanuit MEE zouden';
	await drag(page, phrase);
	await page.keyboard.press('1');
	await saved(page);
	// Every turn's text as drawn now: a redrawn turn has new nodes.
	await page.evaluate(() => { for (const t of document.querySelectorAll('#transcript .txt')) if (t.firstChild) t.firstChild.probe = true; });
	const asked = [];
	page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/codings') asked.push(r.url()); });
	await page.locator('#u4').scrollIntoViewIfNeeded();
	const box = await page.locator('#u4 .txt').boundingBox();
	await page.mouse.move(box.x + 20, box.y + 5);
	await page.keyboard.press('t');
	await saved(page);
	assert.ok(coded('anna', doc, t5.start, t5.end, 'verbinden/NW'), 't coded turn 5 whole');
	await codingOnPage(page, doc, t5.start, t5.end, 'verbinden/NW');
	// Longer than a poll: with the version the write gave, it finds nothing new.
	await page.waitForTimeout(2600);
	assert.deepEqual(asked, [], 'the page kept its own write instead of fetching the codings again');
	const redrawn = await page.evaluate(() => Array.from(document.querySelectorAll('#transcript .turn')).filter((t) => {
		const txt = t.querySelector('.txt');
		return txt.firstChild && !txt.firstChild.probe;
	}).map((t) => +t.dataset.i));
	assert.deepEqual(redrawn, [4], 'only turn 5 was drawn again');
	// A coding made on the command line meanwhile still shows.
	execFileSync(CODEER, ['code', 'add', '--coder', 'anna', doc, `c${t7.start}-${t7.end}`, 'verbinden/NW'], { cwd: PROJECT });
	await codingOnPage(page, doc, t7.start, t7.end, 'verbinden/NW');
	assert.ok(asked.length > 0, 'the command line\'s change was fetched');
	// Undo removes the page's coding, again without a fetch of its own.
	asked.length = 0;
	await page.keyboard.press('Control+z');
	await saved(page);
	assert.ok(!coded('anna', doc, t5.start, t5.end, 'verbinden/NW'), 'undo removed turn 5\'s coding from the file');
	await page.waitForSelector(`#transcript [data-key="${['anna', doc, t5.start, t5.end, 'verbinden/NW'].join('\u0001')}"]`, { state: 'detached', timeout: 6000 });
	assert.deepEqual(asked, [], 'undo fetched no codings either');
	assert.deepEqual(page.errors, []);
	await ctx.close();
};

// Times are printed, not asserted: on a shared machine they measure the
// load as much as the page (scripts/bench serve measures them).
T['a 5 MB transcript opens, draws its first turns, then all of them, and scrolls'] = async ({ browser, srv }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC);
	const size = fs.statSync(path.join(PROJECT, 'sources', 'long.txt')).size;
	assert.ok(size > 5e6, `long.txt is ${size} bytes`);
	const t0 = Date.now();
	await page.click('#doc-list [data-doc="long"]');
	await page.waitForFunction(() => document.querySelector('#doc-title').textContent === 'long' && document.querySelector('#u5'));
	const ms = Date.now() - t0;
	const render = +(await page.evaluate(() => document.body.dataset.renderMs));
	const fetchMs = +(await page.evaluate(() => document.body.dataset.fetchMs));
	console.log(`    (long: ${(size / 1e6).toFixed(1)} MB, ${await page.locator('#transcript .turn').count()} turns, open ${ms} ms: fetch ${fetchMs} ms, codings and render ${render - fetchMs} ms)`);
	await page.waitForFunction(() => document.body.dataset.renderedAll, null, { timeout: 30000 });
	console.log(`    (all its turns were in the page ${Date.now() - t0} ms after the click; the first screen after ${ms} ms)`);
	// Scrolling: 300 pixels a frame through the middle, as a wheel does.
	const frames = await page.evaluate(async () => {
		const el = document.querySelector('#transcript');
		el.scrollTop = el.scrollHeight / 2;
		await new Promise((r) => requestAnimationFrame(r));
		const out = [];
		let last = performance.now();
		for (let i = 0; i < 60; i++) {
			el.scrollTop += 300;
			await new Promise((r) => requestAnimationFrame(r));
			const now = performance.now();
			out.push(now - last);
			last = now;
		}
		return out.sort((x, y) => x - y);
	});
	const median = frames[frames.length >> 1], worst = frames[frames.length - 1];
	console.log(`    (scrolling: median frame ${median.toFixed(0)} ms, slowest ${worst.toFixed(0)} ms)`);
	assert.equal(frames.length, 60);
	assert.ok(await page.evaluate(() => document.querySelector('#transcript').scrollTop > 0), 'the transcript scrolled');
	await ctx.close();
};

T['the server killed with SIGKILL and restarted: nothing the page showed as saved is lost'] = async ({ browser, srv, restart }) => {
	const ctx = await newCtx(browser);
	const page = await openPage(ctx, srv.url, DOC2);
	const phrases = ['inderdaad mensen met een licht', 'Dus dat zijn cases', 'het systeem wat rustiger'];
	const spans = [];
	await pin(page, 'generalist-models/GEN');
	for (const ph of phrases.slice(0, 2)) {
		await drag(page, ph);
		await page.keyboard.press('1');
		await saved(page);
		spans.push(cpSpan(DOC2, ph));
	}
	const port = new URL(srv.url).port;
	srv.proc.kill('SIGKILL');
	await new Promise((r) => srv.proc.once('exit', r));
	// The page cannot save now and says so; it shows nothing as saved.
	await drag(page, phrases[2]);
	await page.keyboard.press('1');
	await page.waitForFunction(() => /Not saved/.test(document.querySelector('#status').textContent));
	await page.waitForSelector('#banner:not([hidden])');
	const lost = cpSpan(DOC2, phrases[2]);
	assert.equal(await page.locator(`#transcript [data-key="${['anna', DOC2, lost.start, lost.end, 'generalist-models/GEN'].join('\u0001')}"]`).count(), 0);
	const srv2 = await restart(+port);
	await page.goto(`${srv2.url}#${DOC2}`);
	await page.waitForSelector('body[data-ready="1"]');
	for (const s of spans) {
		assert.ok(coded('anna', DOC2, s.start, s.end, 'generalist-models/GEN'), 'on disk after the kill');
		await codingOnPage(page, DOC2, s.start, s.end, 'generalist-models/GEN');
	}
	const rows = readCodings('anna');
	assert.ok(rows.every((r) => r.doc && Number.isInteger(r.start) && r.code), 'codings/anna.tsv is whole');
	await ctx.close();
};

// ---------------------------------------------------------------- runner

let srv = await startServer();
const browser = await launch();
let failed = 0, passed = 0;
const restart = async (port) => { srv = await startServer(port); return srv; };
for (const [name, fn] of Object.entries(T)) {
	if (only.length && !only.some((o) => name.includes(o))) continue;
	const t0 = Date.now();
	try {
		await fn({ browser, srv, restart });
		passed++;
		console.log(`ok   ${name} (${Date.now() - t0} ms)`);
	} catch (e) {
		failed++;
		console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
		if (srv.proc.exitCode !== null) srv = await startServer();
	}
}
await browser.close();
srv.proc.kill('SIGTERM');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
