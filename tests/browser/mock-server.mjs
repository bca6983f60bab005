// tests/browser/mock-server.mjs -- a stand-in for `codeer serve` that
// follows docs/serve.md over a project directory, for working on the page
// (and its screenshots) without the C server. It reads the project's files
// directly, asks the codeer program for the codebook, and writes codings
// files atomically as the library does. Not used by tests/browser/run.
//
//   node mock-server.mjs --project DIR --codeer PATH [--port N] [--coder NAME]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
	if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
	return acc;
}, []));
const here = path.dirname(fileURLToPath(import.meta.url));
const assets = path.join(here, '../../src/serve/assets');
const proj = path.resolve(args.project || '.');
const codeer = args.codeer || 'codeer';
const token = crypto.randomBytes(16).toString('hex');
const startCoder = args.coder || 'anna';
const HEAD = ['doc', 'start', 'end', 'code', 'origin', 'created', 'memo', 'status'];

const unesc = (s) => s.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' }[c] ?? c));
const esc = (s) => String(s ?? '').replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function version(file) {
	try { const st = fs.statSync(file); return `${Math.floor(st.mtimeMs * 1000)}-${st.size}`; } catch { return '0'; }
}
const codingsFile = (c) => path.join(proj, 'codings', `${c}.tsv`);
function coders() {
	try { return fs.readdirSync(path.join(proj, 'codings')).filter((f) => f.endsWith('.tsv')).map((f) => f.slice(0, -4)).sort(); } catch { return []; }
}
function readCodings(coder) {
	let txt;
	try { txt = fs.readFileSync(codingsFile(coder), 'utf8'); } catch { return []; }
	return txt.split('\n').slice(1).filter((l) => l.length).map((l) => {
		const f = l.split('\t');
		return { coder, doc: f[0], start: +f[1], end: +f[2], code: f[3], origin: f[4] || 'manual', created: f[5] || null, memo: f[6] ? unesc(f[6]) : null, status: f[7] || '' };
	});
}
function writeCodings(coder, rows) {
	fs.mkdirSync(path.join(proj, 'codings'), { recursive: true });
	const body = HEAD.join('\t') + '\n' + rows.map((r) => [r.doc, r.start, r.end, r.code, r.origin, r.created, esc(r.memo), r.status].join('\t')).join('\n') + (rows.length ? '\n' : '');
	const tmp = path.join(proj, `.codeer-tmp-${process.pid}`);
	fs.writeFileSync(tmp, body);
	fs.renameSync(tmp, codingsFile(coder));
}
function readMeta(id) {
	const meta = fs.readFileSync(path.join(proj, 'sources', `${id}.meta`), 'utf8');
	const turns = []; const sentences = []; const kv = {};
	for (const line of meta.split('\n')) {
		const f = line.split('\t');
		if (f[0] === 'turn') turns.push({ n: turns.length + 1, speaker: f[4] || null, time: f[5] || null, start: +f[1], end: +f[2] });
		else if (f[0] === 'sent') sentences.push({ start: +f[1], end: +f[2] });
		else kv[f[0]] = f[1];
	}
	return { turns, sentences, kv };
}
const docCache = new Map();
function doc(id) {
	if (!/^[A-Za-z0-9._-]+$/.test(id || '')) return null;
	if (docCache.has(id)) return docCache.get(id);
	let m, text;
	try { m = readMeta(id); text = fs.readFileSync(path.join(proj, 'sources', `${id}.txt`), 'utf8'); } catch { return null; }
	const d = { id, text, cps: Array.from(text), turns: m.turns, sentences: m.sentences, words: +m.kv.words || 0 };
	docCache.set(id, d);
	return d;
}
function cases() {
	const out = { byDoc: {}, list: [] };
	let lines;
	try { lines = fs.readFileSync(path.join(proj, 'cases.tsv'), 'utf8').split('\n').filter(Boolean); } catch { return out; }
	const head = lines[0].split('\t');
	for (const l of lines.slice(1)) {
		const f = l.split('\t'); const attrs = {};
		head.forEach((h, i) => { if (i > 1 && f[i]) attrs[h] = f[i]; });
		const c = { case: f[0], attrs, docs: (f[1] || '').split(',') };
		out.list.push(c);
		for (const d of c.docs) out.byDoc[d] = c;
	}
	return out;
}
function docIds() {
	return fs.readdirSync(path.join(proj, 'sources')).filter((f) => f.endsWith('.meta')).map((f) => f.slice(0, -5)).sort();
}
let codebookCache = null;
function codebook() {
	const ver = version(path.join(proj, 'schemes'));
	if (codebookCache && codebookCache.ver === ver) return codebookCache.data;
	const list = JSON.parse(execFileSync(codeer, ['-C', proj, 'scheme', 'list', '--format', 'json'], { encoding: 'utf8' }) || '[]');
	const schemes = list.map((s) => {
		const show = JSON.parse(execFileSync(codeer, ['-C', proj, 'scheme', 'show', '--format', 'json', s.scheme], { encoding: 'utf8' }));
		let color = null;
		try { const xml = fs.readFileSync(path.join(proj, 'schemes', `${s.scheme}.xml`), 'utf8'); color = (xml.match(/<scheme[^>]*colour="([^"]+)"/) || [])[1] || null; } catch { /* none */ }
		const byQ = {}; const roots = [];
		for (const c of show.codes) {
			const code = { id: c.id, qualified: c.code, label: c.label, definition: c.definition ?? null, include: c.include ?? null, exclude: c.exclude ?? null, examples: c.example ? [c.example] : [], color: c.colour ?? null, children: [] };
			byQ[c.code] = code;
			(c.parent && byQ[c.parent] ? byQ[c.parent].children : roots).push(code);
		}
		return { id: s.scheme, label: show.title || s.scheme, color, codes: roots };
	});
	codebookCache = { ver, data: { schemes } };
	return codebookCache.data;
}
function resolveCode(code) {
	const all = [];
	const walk = (cs) => cs.forEach((c) => { all.push(c.qualified); walk(c.children); });
	codebook().schemes.forEach((s) => walk(s.codes));
	if (all.includes(code)) return code;
	const m = all.filter((q) => q.split('/')[1] === code);
	return m.length === 1 ? m[0] : null;
}
const turnAt = (d, off) => d.turns.find((t) => off >= t.start && off < t.end) || null;
function memoPath(kind, target) {
	if (!['doc', 'code', 'case'].includes(kind) || !/^[A-Za-z0-9._/-]+$/.test(target || '') || target.includes('..')) return null;
	return path.join(proj, 'memos', kind, `${target}.md`);
}
function memosVersion() {
	const h = crypto.createHash('sha1');
	const walk = (dir) => { let es; try { es = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; } for (const e of es) { const p = path.join(dir, e.name); if (e.isDirectory()) walk(p); else h.update(p + version(p)); } };
	walk(path.join(proj, 'memos'));
	return h.digest('hex').slice(0, 12);
}

function send(res, status, obj) {
	const body = JSON.stringify(obj);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
	res.end(body);
}
const fail = (res, status, msg, extra) => send(res, status, { error: msg, ...extra });

function get(url, res) {
	const q = url.searchParams;
	switch (url.pathname) {
	case '/api/project': {
		const cs = coders(); if (!cs.includes(startCoder)) cs.push(startCoder);
		const toml = fs.readFileSync(path.join(proj, 'codeer.toml'), 'utf8');
		return send(res, 200, { name: (toml.match(/name = "(.*)"/) || [])[1] || 'project', coder: startCoder, coders: cs.sort(), versions: Object.fromEntries(cs.map((c) => [c, version(codingsFile(c))])), memos_version: memosVersion() });
	}
	case '/api/docs': {
		const cz = cases(); const all = coders().map((c) => [c, readCodings(c)]);
		return send(res, 200, docIds().map((id) => {
			const d = doc(id); const c = cz.byDoc[id];
			const progress = {};
			for (const [coder, rows] of all) {
				const set = new Set();
				for (const r of rows) if (r.doc === id && r.status !== 'rejected') d.turns.forEach((t, i) => { if (r.start < t.end && r.end > t.start) set.add(i); });
				progress[coder] = set.size;
			}
			return { id, case: c ? c.case : null, attrs: c ? c.attrs : {}, turns: d.turns.length, words: d.words, progress };
		}));
	}
	case '/api/doc': {
		const d = doc(q.get('id')); if (!d) return fail(res, 404, `no document '${q.get('id')}' in the project`);
		const c = cases().byDoc[d.id];
		return send(res, 200, { id: d.id, case: c ? c.case : null, attrs: c ? c.attrs : {}, length: d.cps.length, text: d.text, turns: d.turns, sentences: d.sentences });
	}
	case '/api/codebook': return send(res, 200, codebook());
	case '/api/codings': {
		const id = q.get('doc'); if (!doc(id)) return fail(res, 404, `no document '${id}' in the project`);
		const cs = coders();
		return send(res, 200, { versions: Object.fromEntries(cs.map((c) => [c, version(codingsFile(c))])), codings: cs.flatMap((c) => readCodings(c).filter((r) => r.doc === id)) });
	}
	case '/api/memos': {
		const p = memoPath(q.get('kind'), q.get('target')); if (!p) return fail(res, 400, 'bad memo kind or target');
		let text = null; try { text = fs.readFileSync(p, 'utf8').replace(/\n$/, ''); } catch { /* none */ }
		return send(res, 200, { text, version: text === null ? null : version(p) });
	}
	case '/api/compare': {
		const d = doc(q.get('doc')); if (!d) return fail(res, 404, 'no such document');
		const [a, b] = (q.get('coders') || '').split(',');
		if (!a || !b) return fail(res, 400, 'two coders are needed');
		const ra = readCodings(a).filter((r) => r.doc === d.id && r.status !== 'rejected');
		const rb = readCodings(b).filter((r) => r.doc === d.id && r.status !== 'rejected');
		const codes = [...new Set([...ra, ...rb].map((r) => r.code))].sort();
		const dis = [];
		for (const code of codes) d.turns.forEach((t) => {
			const has = (rs) => rs.some((r) => r.code === code && r.start < t.end && r.end > t.start) ? 'yes' : 'no';
			const va = has(ra); const vb = has(rb);
			if (va !== vb) dis.push({ code, turn: t.n, speaker: t.speaker, start: t.start, end: t.end, values: { [a]: va, [b]: vb }, text: d.cps.slice(t.start, t.end).join('') });
		});
		return send(res, 200, { units: d.turns.length, disagreements: dis });
	}
	case '/api/quotes': {
		const code = resolveCode(q.get('code') || ''); if (!code) return fail(res, 404, `no code '${q.get('code')}'`);
		const cz = cases(); const attr = q.get('attr'); const [ak, av] = attr ? attr.split('=') : [];
		const out = [];
		for (const c of q.get('coder') ? [q.get('coder')] : coders()) for (const r of readCodings(c)) {
			if (r.code !== code || r.status === 'rejected') continue;
			const d = doc(r.doc); if (!d) continue;
			const t = turnAt(d, r.start); const cs = cz.byDoc[r.doc];
			if (q.get('speaker') && (!t || t.speaker !== q.get('speaker'))) continue;
			if (attr && (!cs || cs.attrs[ak] !== av)) continue;
			out.push({ doc: r.doc, case: cs ? cs.case : null, turn: t ? t.n : null, speaker: t ? t.speaker : null, start: r.start, end: r.end, code, coder: c, origin: r.origin, memo: r.memo, text: d.cps.slice(r.start, r.end).join('') });
		}
		return send(res, 200, out);
	}
	case '/api/matrix': {
		const coder = q.get('coder'); const cz = cases();
		const rows = readCodings(coder).filter((r) => r.status !== 'rejected');
		const cols = q.get('codes') ? q.get('codes').split(',').map(resolveCode) : [...new Set(rows.map((r) => r.code))].sort();
		const rowIds = cz.list.map((c) => c.case);
		return send(res, 200, { rows: rowIds, cols, cells: cz.list.map((c) => cols.map((code) => rows.filter((r) => r.code === code && c.docs.includes(r.doc)).length)) });
	}
	}
	return fail(res, 404, 'no such page');
}

function post(url, body, res) {
	if (url.pathname === '/api/memos') {
		const p = memoPath(body.kind, body.target); if (!p) return fail(res, 400, 'bad memo kind or target');
		let cur = null; try { fs.statSync(p); cur = version(p); } catch { /* none */ }
		if ((body.base ?? null) !== cur) return fail(res, 409, 'the memo has changed since the page read it', { version: cur });
		if (!body.text) { try { fs.unlinkSync(p); } catch { /* none */ } return send(res, 200, { version: null }); }
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p + '.tmp', body.text + '\n'); fs.renameSync(p + '.tmp', p);
		return send(res, 200, { version: version(p) });
	}
	const op = url.pathname.replace('/api/codings/', '');
	const coder = body.coder;
	if (!/^[a-z0-9][a-z0-9._-]*$/i.test(coder || '')) return fail(res, 400, 'bad coder name');
	const d = doc(body.doc); if (!d) return fail(res, 404, `no document '${body.doc}' in the project`);
	const code = resolveCode(body.code || ''); if (!code) return fail(res, 404, `no code '${body.code}' in the project's schemes`);
	const cur = version(codingsFile(coder));
	const hasSpan = body.start !== undefined && body.end !== undefined;
	if (hasSpan && !(Number.isInteger(body.start) && Number.isInteger(body.end) && body.start >= 0 && body.start < body.end && body.end <= d.cps.length)) return fail(res, 400, 'offsets outside the text');
	if (body.base !== cur && !['reject', 'unreject'].includes(op)) return fail(res, 409, `the codings of ${coder} have changed since the page read them`, { version: cur });
	const rows = readCodings(coder);
	const same = (r) => r.doc === d.id && r.start === body.start && r.end === body.end && r.code === code;
	if (op === 'add') {
		if (rows.some(same)) return fail(res, 409, 'that coding is already there', { version: cur });
		const coding = { coder, doc: d.id, start: body.start, end: body.end, code, origin: 'manual', created: now(), memo: body.memo || null, status: '' };
		rows.push(coding); writeCodings(coder, rows);
		return send(res, 201, { version: version(codingsFile(coder)), coding });
	}
	if (op === 'remove' || op === 'memo') {
		const i = rows.findIndex(same); if (i < 0) return fail(res, 404, 'no such coding');
		const removed = op === 'remove' ? rows.splice(i, 1)[0] : undefined;
		if (op === 'memo') rows[i].memo = body.memo || null;
		writeCodings(coder, rows);
		return send(res, 200, { coder, version: version(codingsFile(coder)), coding: op === 'memo' ? rows[i] : undefined, removed });
	}
	if (['accept', 'reject', 'unreject'].includes(op)) {
		const from = body.from || 'auto';
		const src = readCodings(from);
		const pick = (r) => r.doc === d.id && r.code === code && (!hasSpan || (r.start === body.start && r.end === body.end));
		let n = 0;
		if (op === 'accept') {
			for (const r of src) if (pick(r) && !rows.some((x) => x.doc === r.doc && x.start === r.start && x.end === r.end && x.code === r.code)) { rows.push({ ...r, coder, origin: `accept:${r.origin}`, created: now(), status: '' }); n++; }
			if (n) writeCodings(coder, rows);
		} else {
			for (const r of src) if (pick(r)) { r.status = op === 'reject' ? 'rejected' : ''; n++; }
			if (n) writeCodings(from, src);
		}
		if (!n && hasSpan) return fail(res, 404, 'no such coding');
		return send(res, 200, { version: version(codingsFile(coder)), count: n });
	}
	return fail(res, 404, 'no such page');
}

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://x');
	const asset = { '/': 'index.html', '/index.html': 'index.html', '/app.css': 'app.css', '/app.js': 'app.js' }[url.pathname];
	const tok = asset ? url.searchParams.get('token') : req.headers['x-codeer-token'];
	if (tok !== token) return fail(res, 403, 'wrong or missing token');
	if (asset) {
		res.writeHead(200, { 'Content-Type': types[path.extname(asset)], 'Cache-Control': 'no-store' });
		return res.end(fs.readFileSync(path.join(assets, asset)));
	}
	if (req.method === 'GET') { try { return get(url, res); } catch (e) { return fail(res, 500, String(e.message)); } }
	let body = '';
	req.on('data', (c) => { body += c; });
	req.on('end', () => {
		let obj; try { obj = JSON.parse(body); } catch { return fail(res, 400, 'malformed JSON'); }
		try { post(url, obj, res); } catch (e) { fail(res, 500, String(e.message)); }
	});
});
server.listen(+(args.port || 0), '127.0.0.1', () => {
	const name = (fs.readFileSync(path.join(proj, 'codeer.toml'), 'utf8').match(/name = "(.*)"/) || [])[1];
	console.log(`codeer: serving ${name} on http://127.0.0.1:${server.address().port}/?token=${token}`);
	console.log(`codeer: coding as ${startCoder}; Ctrl-C stops`);
});
