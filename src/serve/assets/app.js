// src/serve/assets/app.js -- the coding page of `codeer serve`: reads the
// project through the JSON API of docs/serve.md and writes codings and
// memos back. Plain ES2020, no framework and no build step: the server
// embeds this file as it is.
//
// Offsets: the API speaks code points, JavaScript strings UTF-16. Every
// conversion goes through one document's CpMap, so a character outside
// the Basic Multilingual Plane (an emoji in a chat transcript) never
// shifts a coding by one.
'use strict';

const TOKEN = new URLSearchParams(location.search).get('token') || '';
const POLL_MS = 2000;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const WORD = /[\p{L}\p{N}\p{M}_'\u2019-]/u;

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const keyOf = (c) => `${c.coder}\u0001${c.doc}\u0001${c.start}\u0001${c.end}\u0001${c.code}`;

// ---------------------------------------------------------------- state

const S = {
	project: null,
	coder: null,
	coders: [],
	versions: {},
	memosVersion: null,
	docs: [],
	docId: null,
	doc: null, // {id, case, attrs, length, text, turns, sentences, map, units}
	codings: [],
	codebook: null,
	codes: new Map(), // qualified -> code with scheme, color, depth, parent
	codeOrder: [],
	pending: null, // {start, end} in code points
	lastCode: null,
	cursorTurn: 0,
	selected: null, // key of the chosen coding
	showProposals: true,
	showOthers: false,
	undo: [],
	redo: [],
	view: 'code',
	offline: false,
	memoDrafts: {},
	codingsStale: false, // a write changed codings the page does not know in full
	touched: [], // spans changed by writes, not redrawn yet
	writing: 0, // writes under way
};

// ---------------------------------------------------------------- API

class ApiError extends Error {
	constructor(status, message, data) {
		super(message);
		this.status = status;
		this.data = data;
	}
}

async function api(path, body) {
	const opts = { headers: { 'X-Codeer-Token': TOKEN }, cache: 'no-store' };
	if (body !== undefined) {
		opts.method = 'POST';
		opts.headers['Content-Type'] = 'application/json';
		opts.body = JSON.stringify(body);
	}
	let res;
	try {
		res = await fetch(path, opts);
	} catch (e) {
		setOffline(true);
		throw new ApiError(0, 'The codeer server does not answer (was it stopped?). Nothing was saved.');
	}
	setOffline(false);
	let data = null;
	try { data = await res.json(); } catch (e) { data = null; }
	if (!res.ok) throw new ApiError(res.status, (data && data.error) || `${res.status} ${res.statusText}`, data);
	return data;
}
const q = (params) => Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
	.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

// Writes go one after another: each names the version the one before it
// produced, so two quick key presses never race each other into a 409.
let writeChain = Promise.resolve();
function serial(fn) {
	const run = writeChain.then(fn, fn);
	writeChain = run.catch(() => {});
	return run;
}

// ---------------------------------------------------------------- messages

let statusTimer = 0;
function status(text, kind = '') {
	const el = $('#status');
	el.textContent = text;
	el.className = `status ${kind}`;
	clearTimeout(statusTimer);
	if (kind === 'saved') statusTimer = setTimeout(() => { el.classList.add('fade'); }, 4000);
}
function toast(text, kind = 'info', ms = 7000) {
	const el = document.createElement('div');
	el.className = `toast ${kind}`;
	el.setAttribute('role', kind === 'error' || kind === 'warn' ? 'alert' : 'status');
	el.innerHTML = `<span>${esc(text)}</span><button type="button" class="icon" aria-label="Dismiss">×</button>`;
	el.querySelector('button').onclick = () => el.remove();
	$('#toasts').appendChild(el);
	if (ms) setTimeout(() => el.remove(), ms);
	return el;
}
function setOffline(off) {
	if (off === S.offline) return;
	S.offline = off;
	const b = $('#banner');
	b.hidden = !off;
	b.textContent = off ? 'The codeer server does not answer. Changes cannot be saved until it runs again; what shows as saved is on disk.' : '';
	if (!off) reloadAll().catch(() => {});
}

// ---------------------------------------------------------------- code points

// The UTF-16 index of every surrogate pair; empty for most texts, which
// makes every conversion an identity.
class CpMap {
	constructor(text) {
		this.pairs = [];
		if (/[\uD800-\uDFFF]/.test(text)) {
			for (let i = 0; i < text.length - 1; i++) {
				const c = text.charCodeAt(i);
				if (c >= 0xD800 && c <= 0xDBFF) {
					const d = text.charCodeAt(i + 1);
					if (d >= 0xDC00 && d <= 0xDFFF) { this.pairs.push(i); i++; }
				}
			}
		}
		this.cpIdx = this.pairs.map((u, j) => u - j); // code point index of each pair
	}
	static lowerBound(arr, x) { // first index with arr[i] >= x
		let lo = 0, hi = arr.length;
		while (lo < hi) { const m = (lo + hi) >> 1; if (arr[m] < x) lo = m + 1; else hi = m; }
		return lo;
	}
	toU16(cp) { return this.pairs.length ? cp + CpMap.lowerBound(this.cpIdx, cp) : cp; }
	toCp(u) { // a UTF-16 index inside a pair counts as the pair's start
		if (!this.pairs.length) return u;
		const before = CpMap.lowerBound(this.pairs, u); // pairs starting before u
		let cp = u - before;
		if (before && this.pairs[before - 1] + 1 === u) cp = this.pairs[before - 1] - (before - 1);
		return cp;
	}
}
// Code points in s[0, u).
function cpCount(s, u) {
	let n = 0;
	for (let i = 0; i < u; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < u) { const d = s.charCodeAt(i + 1); if (d >= 0xDC00 && d <= 0xDFFF) i++; }
		n++;
	}
	return n;
}

// ---------------------------------------------------------------- codebook

function hexToRgb(hex) {
	const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
	if (!m) return [120, 120, 120];
	const v = parseInt(m[1], 16);
	return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
function rgba(hex, a) { const [r, g, b] = hexToRgb(hex); return `rgba(${r},${g},${b},${a})`; }
function hsl(hex) {
	let [r, g, b] = hexToRgb(hex).map((x) => x / 255);
	const max = Math.max(r, g, b), min = Math.min(r, g, b);
	let h = 0, s = 0; const l = (max + min) / 2;
	if (max !== min) {
		const d = max - min;
		s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
		h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
		h *= 60;
	}
	return [h, s * 100, l * 100];
}
function hslHex(h, s, l) {
	s /= 100; l /= 100;
	const k = (n) => (n + h / 30) % 12;
	const a = s * Math.min(l, 1 - l);
	const f = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
	return `#${[f(0), f(8), f(4)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

function indexCodebook(cb) {
	S.codebook = cb;
	S.codes = new Map();
	S.codeOrder = [];
	(cb.schemes || []).forEach((scheme, si) => {
		const firstOwn = (scheme.codes || []).find((c) => c.color);
		const base = scheme.color || (firstOwn && firstOwn.color) || PALETTE[si % PALETTE.length];
		scheme.shown = base;
		let n = 0;
		// A code without a colour of its own takes its parent's (or the
		// scheme's) hue, turned a little per code so neighbours stay apart.
		const walk = (codes, depth, parent, from) => codes.forEach((c, i) => {
			if (c.color) c.shown = c.color;
			else {
				const [h, s, l] = hsl(from);
				const turn = depth === 0 ? ((n % 5) - 2) * 18 : (((i % 5) - 2) * 9);
				c.shown = hslHex((h + turn + 360) % 360, Math.max(35, Math.min(72, s)), Math.max(30, Math.min(50, l + (depth ? 4 + (i % 2) * 4 : 0))));
			}
			c.scheme = scheme;
			c.depth = depth;
			c.parent = parent;
			n++;
			S.codes.set(c.qualified, c);
			S.codeOrder.push(c);
			walk(c.children || [], depth + 1, c.qualified, c.shown);
		});
		walk(scheme.codes || [], 0, null, base);
	});
}
function codeOf(q) {
	if (S.codes.has(q)) return S.codes.get(q);
	const byId = S.codeOrder.filter((c) => c.id === q);
	return byId.length === 1 ? byId[0] : null;
}
const codeLabel = (q) => (codeOf(q) ? codeOf(q).label : q);
const codeColor = (q) => (codeOf(q) ? codeOf(q).shown : '#777777');

// Pinned and recent codes live in the browser, per project.
const storeKey = (k) => `codeer:${S.project ? S.project.name : ''}:${k}`;
function loadPrefs() {
	try { S.pinned = JSON.parse(localStorage.getItem(storeKey('pinned')) || '[]'); } catch (e) { S.pinned = []; }
	try { S.recent = JSON.parse(localStorage.getItem(storeKey('recent')) || '[]'); } catch (e) { S.recent = []; }
	S.pinned = S.pinned.filter((c) => S.codes.has(c)).slice(0, 9);
	S.recent = S.recent.filter((c) => S.codes.has(c)).slice(0, 8);
	S.lastCode = S.recent[0] || null;
}
function savePrefs() {
	try {
		localStorage.setItem(storeKey('pinned'), JSON.stringify(S.pinned));
		localStorage.setItem(storeKey('recent'), JSON.stringify(S.recent));
	} catch (e) { /* private mode: the lists last for this visit */ }
}
function noteRecent(code) {
	S.lastCode = code;
	S.recent = [code, ...S.recent.filter((c) => c !== code)].slice(0, 8);
	savePrefs();
	renderQuick();
}
function togglePin(code) {
	if (S.pinned.includes(code)) S.pinned = S.pinned.filter((c) => c !== code);
	else if (S.pinned.length < 9) S.pinned.push(code);
	else { toast('Nine codes are pinned already; unpin one first.', 'warn'); return; }
	savePrefs();
	renderQuick();
	renderCodebook();
}

function chip(code, key) {
	const c = codeOf(code);
	if (!c) return '';
	return `<li><button type="button" class="chip" data-code="${esc(code)}" title="${esc(c.qualified)}${key ? ` (key ${key})` : ''}">`
		+ `${key ? `<kbd>${key}</kbd>` : ''}<i class="sw" style="background:${c.shown}"></i>${esc(c.label)}</button></li>`;
}
function renderQuick() {
	$('#pinned').innerHTML = S.pinned.length ? S.pinned.map((c, i) => chip(c, i + 1)).join('')
		: '<li class="empty">Pin a code with its ☆ to put it on a key.</li>';
	$('#recent').innerHTML = S.recent.length ? S.recent.map((c) => chip(c)).join('') : '<li class="empty">Codes you apply show here.</li>';
}

let searchHits = [];
let searchActive = 0;
function codeMatches(term) {
	const t = term.trim().toLowerCase();
	if (!t) return null;
	const scored = [];
	for (const c of S.codeOrder) {
		const label = c.label.toLowerCase(), id = c.id.toLowerCase(), qual = c.qualified.toLowerCase();
		let score = -1;
		if (label.startsWith(t) || id.startsWith(t)) score = 0;
		else if (label.split(/[\s:,()/-]+/).some((w) => w.startsWith(t))) score = 1;
		else if (label.includes(t) || qual.includes(t)) score = 2;
		else if ((c.definition || '').toLowerCase().includes(t)) score = 3;
		if (score >= 0) scored.push([score, c]);
	}
	scored.sort((a, b) => a[0] - b[0]);
	return scored.map((x) => x[1]);
}
function renderCodebook() {
	const term = $('#code-search').value;
	const hits = codeMatches(term);
	document.body.classList.toggle('searching', !!hits);
	searchHits = hits ? hits.filter((c) => true) : [];
	if (searchActive >= searchHits.length) searchActive = 0;
	const show = new Set();
	if (hits) for (const c of hits) { let p = c; while (p) { show.add(p.qualified); p = p.parent ? S.codes.get(p.parent) : null; } }
	const memoOf = S.memoCodes || new Set();
	const codeHtml = (c) => {
		if (hits && !show.has(c.qualified)) return '';
		const hit = hits && hits.includes(c);
		const active = hit && searchHits[searchActive] === c;
		const pinned = S.pinned.indexOf(c.qualified);
		const details = [
			c.definition ? `<p class="def">${esc(c.definition)}</p>` : '',
			c.include ? `<p><b>Include.</b> ${esc(c.include)}</p>` : '',
			c.exclude ? `<p><b>Exclude.</b> ${esc(c.exclude)}</p>` : '',
			...(c.examples || []).map((e) => `<blockquote>${esc(e)}</blockquote>`),
		].join('');
		return `<li role="treeitem" aria-expanded="true" class="${hit ? 'hit' : ''}${active ? ' active' : ''}">
<div class="code-row" data-code="${esc(c.qualified)}" ${active ? 'id="active-code"' : ''}>
<button type="button" class="code" data-code="${esc(c.qualified)}" title="${esc(c.qualified)}: apply to the selection, or show"><i class="sw" style="background:${c.shown}"></i><span class="label">${esc(c.label)}</span><span class="cid">${esc(c.id)}</span>${memoOf.has(c.qualified) ? '<span class="has-memo" title="has a memo">✎</span>' : ''}</button>
<button type="button" class="pin${pinned >= 0 ? ' on' : ''}" data-pin="${esc(c.qualified)}" title="${pinned >= 0 ? `Pinned on key ${pinned + 1}; click to unpin` : 'Pin to a key 1–9'}" aria-label="Pin">${pinned >= 0 ? pinned + 1 : '☆'}</button>
${details ? `<button type="button" class="more" data-more="${esc(c.qualified)}" aria-label="Definition" title="Definition, criteria, examples">i</button>` : ''}
</div>
${details ? `<div class="code-details" hidden>${details}</div>` : ''}
${(c.children || []).length ? `<ul role="group">${c.children.map(codeHtml).join('')}</ul>` : ''}
</li>`;
	};
	const html = (S.codebook ? S.codebook.schemes : []).map((s) => {
		const inner = (s.codes || []).map(codeHtml).join('');
		if (hits && !inner) return '';
		return `<section class="scheme"><h3 title="${esc(s.id)}"><i class="sw" style="background:${s.shown}"></i>${esc(s.label)}</h3><ul role="group">${inner}</ul></section>`;
	}).join('');
	$('#codebook').innerHTML = html || `<p class="empty">${hits ? 'No code matches.' : 'The project has no code schemes yet (codeer scheme add).'}</p>`;
	const act = $('#active-code');
	if (act) act.scrollIntoView({ block: 'nearest' });
}

// ---------------------------------------------------------------- documents

function docMatches(d, term) {
	if (!term) return true;
	const hay = [d.id, d.case || '', ...Object.entries(d.attrs || {}).map(([k, v]) => `${k}=${v} ${v}`)].join(' ').toLowerCase();
	return term.toLowerCase().split(/\s+/).every((w) => hay.includes(w));
}
function renderDocs() {
	const term = $('#doc-filter').value.trim();
	const shown = S.docs.filter((d) => docMatches(d, term));
	$('#doc-count').textContent = term ? `${shown.length} of ${S.docs.length}` : `${S.docs.length}`;
	const coders = S.coders.slice().sort((a, b) => (a === S.coder ? -1 : b === S.coder ? 1 : a.localeCompare(b)));
	$('#doc-list').innerHTML = shown.map((d) => {
		const attrs = Object.entries(d.attrs || {}).filter(([, v]) => v).map(([k, v]) => `<span title="${esc(k)}">${esc(v)}</span>`).join('');
		const prog = coders.filter((c) => (d.progress || {})[c] || c === S.coder).map((c) => {
			const n = (d.progress || {})[c] || 0;
			const pct = d.turns ? Math.round((100 * n) / d.turns) : 0;
			return `<div class="prog${c === S.coder ? ' me' : ''}${c === 'auto' ? ' auto' : ''}" title="${esc(c)}: ${n} of ${d.turns} turns coded"><span class="who">${esc(c)}</span><span class="pbar"><span style="width:${pct}%"></span></span><span class="num">${n}/${d.turns}</span></div>`;
		}).join('');
		return `<li><button type="button" class="doc${d.id === S.docId ? ' current' : ''}" data-doc="${esc(d.id)}" aria-current="${d.id === S.docId}">
<span class="doc-id">${esc(d.id)}</span>
<span class="doc-case">${d.case ? esc(d.case) : '<i>no case</i>'} · ${d.words.toLocaleString('nl-NL')} words</span>
${attrs ? `<span class="attrs">${attrs}</span>` : ''}
<span class="progress">${prog}</span></button></li>`;
	}).join('') || '<li class="empty">No document matches.</li>';
}

async function loadDocs() {
	S.docs = await api('/api/docs');
	renderDocs();
	fillDocSelects();
}

async function openDoc(id, { at } = {}) {
	if (!id) return;
	const t0 = performance.now();
	const d = await api(`/api/doc?${q({ id })}`);
	const tFetch = performance.now();
	d.map = new CpMap(d.text);
	// Turns are the reading units; a document without turns is read in
	// its lines, so a long text still renders in parts.
	d.units = d.turns && d.turns.length ? d.turns.map((t) => ({ ...t })) : linesOf(d);
	d.unitStarts = d.units.map((u) => u.start);
	S.doc = d;
	S.docId = id;
	S.pending = null;
	S.selected = null;
	S.cursorTurn = 0;
	const c = await api(`/api/codings?${q({ doc: id })}`);
	S.codings = c.codings;
	S.codingsStale = false;
	S.touched = [];
	Object.assign(S.versions, c.versions);
	renderDocHead();
	renderTranscript();
	renderDocs();
	hideInspector();
	updateHint();
	try { history.replaceState(null, '', `?${q({ token: TOKEN })}#${encodeURIComponent(id)}`); } catch (e) { /* file: */ }
	S.lastRenderMs = performance.now() - t0;
	document.body.dataset.fetchMs = String(Math.round(tFetch - t0));
	document.body.dataset.renderMs = String(Math.round(S.lastRenderMs));
	if (at) revealRange(at.start, at.end);
	if (S.view === 'compare') loadCompare();
}
function linesOf(d) {
	const out = [];
	const re = /[^\n]+/g;
	let m, n = 0;
	while ((m = re.exec(d.text))) {
		const start = d.map.toCp(m.index), end = d.map.toCp(m.index + m[0].length);
		out.push({ n: ++n, speaker: null, time: null, start, end });
	}
	return out;
}
function renderDocHead() {
	const d = S.doc;
	$('#doc-title').textContent = d.id;
	const attrs = Object.entries(d.attrs || {}).filter(([, v]) => v).map(([k, v]) => `<span class="attr"><span class="k">${esc(k)}</span> ${esc(v)}</span>`).join('');
	const info = S.docs.find((x) => x.id === d.id);
	$('#doc-sub').innerHTML = `<span class="attr case"><span class="k">case</span> ${esc(d.case || '—')}</span>${attrs}<span class="attr"><span class="k">turns</span> ${d.turns.length}</span>${info ? `<span class="attr"><span class="k">words</span> ${info.words.toLocaleString('nl-NL')}</span>` : ''}`;
}

// ---------------------------------------------------------------- transcript

function visibleCodings() {
	const own = [], props = [], others = [];
	const mine = new Set();
	for (const c of S.codings) if (c.coder === S.coder && c.status !== 'rejected') mine.add(`${c.start}:${c.end}:${c.code}`);
	for (const c of S.codings) {
		if (c.status === 'rejected') continue;
		if (c.coder === S.coder) own.push(c);
		else if (c.coder === 'auto') { if (S.showProposals && !mine.has(`${c.start}:${c.end}:${c.code}`)) props.push(c); }
		else if (S.showOthers) others.push(c);
	}
	return [...own, ...others, ...props];
}
function kindOf(c) { return c.coder === S.coder ? 'own' : c.coder === 'auto' ? 'prop' : 'other'; }

// Which units a span touches: the first and last index.
function unitRange(start, end) {
	const st = S.doc.unitStarts;
	let i = CpMap.lowerBound(st, start + 1) - 1;
	if (i < 0) i = 0;
	let j = CpMap.lowerBound(st, end) - 1;
	if (j < i) j = i;
	return [i, j];
}
function codingsByUnit(list) {
	const by = new Map();
	for (const c of list) {
		const [i, j] = unitRange(c.start, c.end);
		for (let k = i; k <= j; k++) {
			const u = S.doc.units[k];
			if (c.start < u.end && c.end > u.start) { if (!by.has(k)) by.set(k, []); by.get(k).push(c); }
		}
	}
	return by;
}

// The text of one unit as spans cut at every coding boundary; each span
// carries its code-point start (data-a), which is all the selection needs.
function unitText(u, cods, { mark } = {}) {
	const d = S.doc;
	const cuts = new Set([u.start, u.end]);
	for (const c of cods) { if (c.start > u.start && c.start < u.end) cuts.add(c.start); if (c.end > u.start && c.end < u.end) cuts.add(c.end); }
	if (mark) for (const m of mark) { if (m.start > u.start && m.start < u.end) cuts.add(m.start); if (m.end > u.start && m.end < u.end) cuts.add(m.end); }
	const pts = Array.from(cuts).sort((a, b) => a - b);
	let html = '';
	for (let i = 0; i < pts.length - 1; i++) {
		const a = pts[i], b = pts[i + 1];
		const text = d.text.slice(d.map.toU16(a), d.map.toU16(b));
		const on = cods.filter((c) => c.start <= a && c.end >= b);
		const marked = mark && mark.some((m) => m.start <= a && m.end >= b);
		if (!on.length && !marked) { html += `<span data-a="${a}">${esc(text)}</span>`; continue; }
		const solid = on.filter((c) => kindOf(c) !== 'prop');
		const props = on.filter((c) => kindOf(c) === 'prop');
		const style = [];
		if (solid.length) {
			style.push(`background-color:${rgba(codeColor(solid[0].code), solid.length > 1 ? 0.2 : 0.14)}`);
			style.push(`box-shadow:${solid.slice(0, 4).map((c, k) => `inset 0 -${3 * (k + 1)}px 0 0 ${codeColor(c.code)}`).join(',')}`);
		}
		if (props.length) style.push(`text-decoration-color:${codeColor(props[0].code)}`);
		const cls = ['hl', props.length ? 'prop' : '', solid.length > 1 || on.length > 1 ? 'overlap' : '', marked ? 'dis' : '',
			S.selected && on.some((c) => keyOf(c) === S.selected) ? 'chosen' : ''].filter(Boolean).join(' ');
		const title = on.map((c) => `${codeLabel(c.code)} (${c.coder === 'auto' ? 'proposal' : c.coder})`).join('\n');
		html += `<span data-a="${a}" class="${cls}" style="${style.join(';')}" title="${esc(title)}">${esc(text)}</span>`;
	}
	return html;
}
function unitHtml(u, i, cods) {
	return `<article class="turn" id="u${i}" data-i="${i}"><div class="meta"><a class="num" href="#" data-turn="${i}" tabindex="-1">${u.n}</a>${u.speaker ? `<span class="spk" title="${esc(u.speaker)}">${esc(u.speaker)}</span>` : ''}${u.time ? `<time>${esc(u.time)}</time>` : ''}</div><div class="txt">${unitText(u, cods)}</div><div class="margin"></div></article>`;
}

// Margins are drawn when their block comes near the screen: the observer
// watches the blocks, a hundred or so, not every turn, since it measures
// each of its targets on every frame.
let marginObserver = null;
const nearBlocks = new Set();
let renderGen = 0;
// The first screenful of units is drawn at once, the rest in chunks
// between frames: a 5 MB transcript shows at once and stays scrollable
// while its tail is still being added. Units far off screen cost little
// thanks to content-visibility: auto.
const FIRST_UNITS = 120;
const CHUNK_UNITS = 100;
function renderTranscript() {
	const el = $('#transcript');
	const d = S.doc;
	const gen = ++renderGen;
	if (marginObserver) marginObserver.disconnect();
	nearBlocks.clear();
	marginObserver = new IntersectionObserver((entries) => {
		for (const e of entries) {
			if (!e.isIntersecting) { nearBlocks.delete(e.target); continue; }
			nearBlocks.add(e.target);
			drawMargins(Array.from(e.target.children).filter((t) => t.dataset.drawn !== '1'));
		}
	}, { root: el, rootMargin: '600px 0px' });
	S.byUnit = codingsByUnit(visibleCodings());
	S.unitSig = new Array(d.units.length);
	S.rendered = 0;
	delete document.body.dataset.renderedAll;
	el.setAttribute('lang', S.project.language || 'nl');
	el.innerHTML = d.units.length ? '' : '<p class="empty">This document is empty.</p>';
	el.scrollTop = 0;
	appendUnits(Math.min(FIRST_UNITS, d.units.length));
	markCursor();
	renderProposalBar();
	paintPending();
	// The tail waits while a write is under way and stops as soon as a key
	// or a click is waiting: coding comes before drawing turns off screen.
	const more = () => {
		if (gen !== renderGen) return;
		if (S.writing) { setTimeout(more, 16); return; }
		const t0 = performance.now();
		while (gen === renderGen && S.rendered < d.units.length && performance.now() - t0 < 10 && !inputPending()) {
			appendUnits(Math.min(S.rendered + CHUNK_UNITS, d.units.length));
		}
		if (gen === renderGen && S.rendered < d.units.length) setTimeout(more, 0);
		else if (gen === renderGen) document.body.dataset.renderedAll = String(Math.round(performance.now()));
	};
	setTimeout(more, 0);
}
function appendUnits(upto) {
	const d = S.doc;
	const el = $('#transcript');
	const from = S.rendered;
	if (upto <= from) return;
	// Units go into blocks of CHUNK_UNITS: the browser skips a block off
	// screen whole, so a jump through 10,000 turns lays out a hundred boxes.
	const parts = [];
	let chars = 0;
	for (let i = from; i < upto; i++) {
		const cods = S.byUnit.get(i) || [];
		S.unitSig[i] = sig(S.byUnit.get(i));
		chars += d.units[i].end - d.units[i].start;
		parts.push(unitHtml(d.units[i], i, cods));
	}
	const guess = Math.round((upto - from) * 52 + chars * 0.52);
	el.insertAdjacentHTML('beforeend', `<div class="block" style="contain-intrinsic-size:auto ${guess}px">${parts.join('')}</div>`);
	S.rendered = upto;
	marginObserver.observe(el.lastElementChild);
}
const inputPending = () => !!(navigator.scheduling && navigator.scheduling.isInputPending && navigator.scheduling.isInputPending());
// Draws every unit up to i now, for a jump far into a long document.
function ensureRendered(i) {
	if (S.doc && i >= S.rendered) appendUnits(Math.min(S.doc.units.length, i + 1 + FIRST_UNITS));
}
const sig = (cods) => (cods ? cods.map((c) => keyOf(c) + (keyOf(c) === S.selected ? '*' : '') + (c.memo ? 'm' : '')).sort().join('|') : '');

// After the codings change, only the units whose codings changed are drawn
// again: a long document stays put, scroll position and all. With `spans`
// (what the page's own writes changed) only the units they touch are
// looked at; without, every unit drawn so far. A unit whose block is far
// off screen gets its margin when the block comes near.
function refreshTranscript(spans) {
	if (!S.doc) return;
	const d = S.doc;
	const vis = visibleCodings();
	let units;
	if (spans) {
		const touched = new Set();
		for (const sp of spans) {
			const [i, j] = unitRange(sp.start, sp.end);
			for (let k = i; k <= j; k++) touched.add(k);
		}
		for (const k of touched) {
			const u = d.units[k];
			const list = vis.filter((c) => c.start < u.end && c.end > u.start);
			if (list.length) S.byUnit.set(k, list); else S.byUnit.delete(k);
		}
		// units not drawn yet take their codings from S.byUnit when they are
		units = Array.from(touched).filter((k) => k < S.rendered).sort((a, b) => a - b);
	} else {
		S.byUnit = codingsByUnit(vis);
		units = Array.from({ length: S.rendered }, (_, k) => k);
	}
	const redraw = [];
	for (const i of units) {
		const s2 = sig(S.byUnit.get(i));
		if (s2 === S.unitSig[i]) continue;
		S.unitSig[i] = s2;
		const el = document.getElementById(`u${i}`);
		if (!el) continue;
		el.querySelector('.txt').innerHTML = unitText(d.units[i], S.byUnit.get(i) || []);
		if (nearBlocks.has(el.parentElement)) redraw.push(el);
		else el.dataset.drawn = '0';
	}
	drawMargins(redraw);
	renderProposalBar();
	paintPending();
}

// The margin: one bar per coding over the lines it covers, in lanes so
// overlapping codings stand side by side, each with its code's name. All
// the turns given are measured first and drawn after, so the browser lays
// the page out once, not once for every turn.
function drawMargins(els) {
	const drawn = els.map(marginHtml);
	els.forEach((el, k) => {
		const margin = el.querySelector('.margin');
		el.dataset.drawn = '1';
		if (margin.innerHTML !== drawn[k].html) margin.innerHTML = drawn[k].html;
		margin.style.minHeight = drawn[k].minHeight;
	});
}
function marginHtml(el) {
	const i = +el.dataset.i;
	const u = S.doc.units[i];
	const cods = ((S.byUnit && S.byUnit.get(i)) || []).slice();
	if (!cods.length) return { html: '', minHeight: '' };
	const spans = $$('.txt > span', el);
	const starts = spans.map((s) => +s.dataset.a);
	const base = el.querySelector('.txt').getBoundingClientRect().top;
	const box = (c) => {
		const a = Math.max(c.start, u.start), b = Math.min(c.end, u.end);
		const first = spans[Math.max(0, CpMap.lowerBound(starts, a + 1) - 1)];
		const last = spans[Math.max(0, CpMap.lowerBound(starts, b) - 1)];
		const r1 = first.getClientRects(), r2 = last.getClientRects();
		const top = (r1.length ? r1[0].top : first.getBoundingClientRect().top) - base;
		const bottom = (r2.length ? r2[r2.length - 1].bottom : last.getBoundingClientRect().bottom) - base;
		return { top, bottom: Math.max(bottom, top + 8) };
	};
	const items = cods.map((c) => ({ c, ...box(c) })).sort((x, y) => x.top - y.top || (y.bottom - y.top) - (x.bottom - x.top));
	const lanes = [];
	for (const it of items) {
		let l = lanes.findIndex((bottom) => bottom <= it.top + 1);
		if (l < 0) { l = lanes.length; lanes.push(0); }
		lanes[l] = it.bottom;
		it.lane = l;
	}
	const laneW = 7;
	const labelX = Math.min(lanes.length, 6) * laneW + 6;
	let nextLabel = -Infinity;
	let html = '';
	for (const it of items) {
		const k = kindOf(it.c);
		const col = codeColor(it.c.code);
		const chosen = keyOf(it.c) === S.selected ? ' chosen' : '';
		const lane = Math.min(it.lane, 5);
		const who = k === 'prop' ? 'proposal' : it.c.coder;
		html += `<button type="button" class="bar ${k}${chosen}" data-key="${esc(keyOf(it.c))}" style="top:${it.top}px;height:${it.bottom - it.top}px;left:${lane * laneW}px;--c:${col}" title="${esc(codeLabel(it.c.code))}: ${esc(who)}" aria-label="${esc(codeLabel(it.c.code))}, ${esc(who)}"></button>`;
		const y = Math.max(it.top, nextLabel);
		nextLabel = y + 19;
		html += `<button type="button" class="blabel ${k}${chosen}" data-key="${esc(keyOf(it.c))}" style="top:${y}px;left:${labelX}px;--c:${col}" tabindex="-1">${esc(codeLabel(it.c.code))}${k === 'other' ? ` <small>${esc(it.c.coder)}</small>` : ''}${it.c.memo ? ' <small>✎</small>' : ''}</button>`;
	}
	return { html, minHeight: `${nextLabel}px` };
}
function redrawMargins() {
	for (const el of $$('#transcript .turn')) el.dataset.drawn = '0';
	for (const b of $$('#transcript > .block')) {
		marginObserver.unobserve(b);
		marginObserver.observe(b);
	}
}

// ---------------------------------------------------------------- selection

function unitIndexOf(el) {
	const t = el && (el.nodeType === 1 ? el : el.parentElement);
	const turn = t && t.closest('.turn');
	return turn ? +turn.dataset.i : -1;
}
// A DOM boundary point as a code-point offset; `end` says which side a
// point between units (in a speaker's name, say) belongs to.
function pointToCp(node, offset, end) {
	const el = node.nodeType === 3 ? node.parentElement : node;
	const span = el && el.closest && el.closest('.txt > span[data-a]');
	if (span && node.nodeType === 3) return +span.dataset.a + cpCount(node.data, offset);
	const i = unitIndexOf(node);
	const units = S.doc.units;
	if (i < 0) return null;
	const u = units[i];
	if (el.closest('.txt')) {
		const txt = el.closest('.txt');
		if (el === txt) {
			const child = txt.childNodes[offset];
			return child && child.dataset ? +child.dataset.a : u.end;
		}
		if (span) return offset === 0 ? +span.dataset.a : +span.dataset.a + cpCount(span.textContent, span.textContent.length);
		return end ? u.end : u.start;
	}
	// In the speaker column or the margin: the start of this unit's text,
	// or, for the end of a selection, the end of the unit before.
	if (end) return i > 0 && !el.closest('.margin') ? units[i - 1].end : (el.closest('.margin') ? u.end : u.start);
	return el.closest('.margin') && i + 1 < units.length ? units[i + 1].start : u.start;
}
function isWordAt(text, u) {
	if (u < 0 || u >= text.length) return false;
	return WORD.test(String.fromCodePoint(text.codePointAt(u)));
}
// Snaps [start, end) to whole words and drops white space at its edges.
function snapWords(start, end) {
	const d = S.doc, t = d.text;
	let a = d.map.toU16(start), b = d.map.toU16(end);
	while (a < b && /\s/.test(t[a])) a++;
	while (b > a && /\s/.test(t[b - 1])) b--;
	if (a >= b) return null;
	const prev = (u) => (u >= 2 && /[\uDC00-\uDFFF]/.test(t[u - 1]) && /[\uD800-\uDBFF]/.test(t[u - 2]) ? u - 2 : u - 1);
	const next = (u) => (/[\uD800-\uDBFF]/.test(t[u]) ? u + 2 : u + 1);
	if (isWordAt(t, a)) while (a > 0 && isWordAt(t, prev(a))) a = prev(a);
	if (isWordAt(t, prev(b))) while (b < t.length && isWordAt(t, b)) b = next(b);
	// Quote marks and dashes at the edges belong to the sentence, not the word.
	while (a < b && /['\u2019-]/.test(t[a])) a++;
	while (b > a && /['\u2019-]/.test(t[b - 1])) b--;
	return a < b ? { start: d.map.toCp(a), end: d.map.toCp(b) } : null;
}
function captureSelection() {
	const sel = window.getSelection();
	if (!S.doc || !sel.rangeCount || sel.isCollapsed) return false;
	const r = sel.getRangeAt(0);
	const root = $('#transcript');
	if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return false;
	let start = pointToCp(r.startContainer, r.startOffset, false);
	let end = pointToCp(r.endContainer, r.endOffset, true);
	if (start === null || end === null || end <= start) return false;
	const snapped = snapWords(start, end);
	if (!snapped) return false;
	setPending(snapped);
	// Show the snapped words as the selection itself.
	const range = cpRange(snapped.start, snapped.end);
	if (range) { sel.removeAllRanges(); sel.addRange(range); }
	return true;
}
// A code-point offset as a DOM point in the rendered transcript.
function cpPoint(off, end) {
	const d = S.doc;
	let i = CpMap.lowerBound(d.unitStarts, off + (end ? 0 : 1)) - 1;
	if (i < 0) i = 0;
	ensureRendered(i);
	const el = document.getElementById(`u${i}`);
	if (!el) return null;
	const spans = $$('.txt > span', el);
	if (!spans.length) return null;
	const starts = spans.map((s) => +s.dataset.a);
	let k = CpMap.lowerBound(starts, off + (end ? 0 : 1)) - 1;
	if (k < 0) k = 0;
	const span = spans[k];
	const a = +span.dataset.a;
	const node = span.firstChild || span;
	const u16 = Math.min(d.map.toU16(Math.min(off, d.units[i].end)) - d.map.toU16(a), node.nodeType === 3 ? node.length : 0);
	return { node, offset: Math.max(0, u16) };
}
function cpRange(start, end) {
	const a = cpPoint(start, false), b = cpPoint(end, true);
	if (!a || !b) return null;
	const r = document.createRange();
	try { r.setStart(a.node, a.offset); r.setEnd(b.node, b.offset); } catch (e) { return null; }
	return r;
}
function setPending(p) {
	S.pending = p;
	if (p) {
		const [i] = unitRange(p.start, p.end);
		S.cursorTurn = i;
		markCursor();
	}
	paintPending();
	updateHint();
}
function paintPending() {
	if (!window.CSS || !CSS.highlights) return;
	CSS.highlights.delete('pending');
	if (!S.pending || !S.doc) return;
	const r = cpRange(S.pending.start, S.pending.end);
	if (r) CSS.highlights.set('pending', new Highlight(r));
}
function pendingText() {
	if (!S.pending) return '';
	const d = S.doc;
	return d.text.slice(d.map.toU16(S.pending.start), d.map.toU16(S.pending.end));
}
function updateHint() {
	const el = $('#selection-hint');
	if (S.pending) {
		const t = pendingText().replace(/\s+/g, ' ');
		el.innerHTML = `<b>Selected</b> “${esc(t.length > 70 ? `${t.slice(0, 67)}…` : t)}” <span class="hint">c${S.pending.start}–${S.pending.end} · click a code, type its name, or 1–9</span>`;
		el.classList.add('on');
	} else {
		el.innerHTML = S.lastCode ? `<span class="hint">Select words to code. <kbd>t</kbd> codes the turn with <b>${esc(codeLabel(S.lastCode))}</b>.</span>` : '<span class="hint">Select words in the transcript to code them.</span>';
		el.classList.remove('on');
	}
	document.body.classList.toggle('has-pending', !!S.pending);
}
function clearPending() {
	S.pending = null;
	const sel = window.getSelection();
	if (sel.rangeCount && $('#transcript').contains(sel.anchorNode)) sel.removeAllRanges();
	paintPending();
	updateHint();
}
// The page remembers the marked turn: looking for it among 13,000 turns
// on every j and k would cost more than the move.
let cursorEl = null;
function markCursor() {
	const el = document.getElementById(`u${S.cursorTurn}`);
	if (el === cursorEl) return;
	if (cursorEl) cursorEl.classList.remove('cursor');
	cursorEl = el;
	if (el) el.classList.add('cursor');
}
function moveCursor(delta) {
	if (!S.doc) return;
	S.cursorTurn = Math.max(0, Math.min(S.doc.units.length - 1, S.cursorTurn + delta));
	ensureRendered(S.cursorTurn);
	markCursor();
	const el = document.getElementById(`u${S.cursorTurn}`);
	if (el) el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}
function revealRange(start, end) {
	const [i] = unitRange(start, end);
	ensureRendered(i);
	S.cursorTurn = i;
	markCursor();
	const el = document.getElementById(`u${i}`);
	if (el) el.scrollIntoView({ block: 'center' });
	if (window.CSS && CSS.highlights) {
		const r = cpRange(start, end);
		if (r) {
			CSS.highlights.set('flash', new Highlight(r));
			setTimeout(() => CSS.highlights.delete('flash'), 2200);
		}
	}
}

// ---------------------------------------------------------------- writes

// One write against the coder's current version. A 409 means the file
// changed under the page (another tab, the command line): the page reloads
// and says so; `retry` decides, on the fresh data, whether the same change
// still makes sense, and then makes it once more on top of the new version.
// `of` is the coder whose file the write changes (and whose version is the
// base): the coder itself, except for reject and unreject, which mark the
// proposals in the file of the coder they came from.
async function write(path, body, { coder = S.coder, of = coder, retry } = {}) {
	return serial(async () => {
		status('Saving…', 'busy');
		const send = () => api(path, { ...body, coder, base: S.versions[of] ?? null });
		S.writing++;
		try {
			let res;
			try {
				res = await send();
			} catch (e) {
				if (e.status !== 409) throw e;
				const current = e.data ? e.data.version : undefined;
				if (current === undefined || current === (S.versions[of] ?? null)) throw e; // not stale: the coding is there already
				const before = S.versions[of];
				await reloadCodings();
				// The reload shows the file at least as new as `current`.
				if (S.versions[of] === before) S.versions[of] = current;
				if (!retry || !retry()) {
					toast(`${of}'s codings were changed elsewhere (another window or the command line). The page has reloaded them; your change was not saved, so nothing was overwritten.`, 'warn', 12000);
					throw new ApiError(409, 'stale');
				}
				toast(`${of}'s codings had changed elsewhere; the page reloaded them and made your change on top.`, 'info');
				res = await send();
			}
			if (res && res.version !== undefined) S.versions[of] = res.version;
			keepLocally(path, res);
			status(`Saved ${new Date().toLocaleTimeString('nl-NL')}`, 'saved');
			return res;
		} catch (e) {
			status('Not saved', 'error');
			if (e.message !== 'stale') toast(e.status === 409 ? `Not saved: ${e.message}` : e.message, 'error', e.status === 0 ? 0 : 10000);
			throw e;
		} finally {
			S.writing--;
		}
	});
}
const has = (coder, doc, start, end, code) => S.codings.some((c) => c.coder === coder && c.doc === doc && c.start === start && c.end === end && c.code === code && c.status !== 'rejected');
const findCoding = (coder, doc, start, end, code) => S.codings.find((c) => c.coder === coder && c.doc === doc && c.start === start && c.end === end && c.code === code);

// The server's answer to an add, a remove or a memo is the whole change: the
// file was at the version the page had (else the answer is a 409), so the
// page's codings plus this change are the file's new contents. The page
// keeps them itself and redraws the turns the change touches, instead of
// fetching every coding of the document again. Accept and reject answer
// with a count only: after them the page reloads the codings.
function cmpCoding(x, y) {
	return x.coder < y.coder ? -1 : x.coder > y.coder ? 1 : x.start - y.start || x.end - y.end || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0);
}
function keepLocally(path, res) {
	const same = (c, k) => c.coder === k.coder && c.doc === k.doc && c.start === k.start && c.end === k.end && c.code === k.code;
	const k = res && (res.coding || res.removed);
	if (!k || !path.endsWith('/add') && !path.endsWith('/remove') && !path.endsWith('/memo')) {
		S.codingsStale = true;
		return;
	}
	if (k.doc !== S.docId) return;
	const at = S.codings.findIndex((c) => same(c, k));
	if (path.endsWith('/remove')) {
		if (at >= 0) S.codings.splice(at, 1);
	} else if (at >= 0) {
		S.codings[at] = k;
	} else {
		let i = S.codings.length;
		while (i > 0 && cmpCoding(S.codings[i - 1], k) > 0) i--;
		S.codings.splice(i, 0, k);
	}
	S.touched.push({ start: k.start, end: k.end });
}
async function afterWrite() {
	if (S.codingsStale) {
		await reloadCodings();
	} else if (S.touched.length) {
		const spans = S.touched;
		S.touched = [];
		refreshTranscript(spans);
		if (S.inspecting && S.inspecting.kind === 'codings') renderInspector();
		if (S.view === 'compare' && S.compare) renderCompare();
	}
	scheduleDocsReload();
}

// The actions, each with its inverse for undo. `record` is false while
// undoing or redoing.
const ACT = {
	async add(a) {
		const body = { doc: a.doc, start: a.start, end: a.end, code: a.code };
		if (a.memo) body.memo = a.memo;
		const res = await write('/api/codings/add', body, { retry: () => !has(S.coder, a.doc, a.start, a.end, a.code) });
		return res;
	},
	async remove(a) {
		return write('/api/codings/remove', { doc: a.doc, start: a.start, end: a.end, code: a.code }, { retry: () => has(S.coder, a.doc, a.start, a.end, a.code) });
	},
	async memo(a) {
		return write('/api/codings/memo', { doc: a.doc, start: a.start, end: a.end, code: a.code, memo: a.memo || '' }, {
			retry: () => { const c = findCoding(S.coder, a.doc, a.start, a.end, a.code); return !!c && (c.memo || '') === (a.before || ''); },
		});
	},
	async accept(a) {
		const body = { from: a.from, doc: a.doc, code: a.code };
		if (a.start !== undefined) Object.assign(body, { start: a.start, end: a.end });
		return write('/api/codings/accept', body, { retry: () => true });
	},
	async reject(a) {
		const body = { from: a.from, doc: a.doc, code: a.code };
		if (a.start !== undefined) Object.assign(body, { start: a.start, end: a.end });
		return write(`/api/codings/${a.undo ? 'unreject' : 'reject'}`, body, { of: a.from, retry: () => true });
	},
};
function inverse(a) {
	switch (a.op) {
	case 'add': return { ...a, op: 'remove' };
	case 'remove': return { ...a, op: 'add' };
	case 'memo': return { ...a, memo: a.before, before: a.memo };
	case 'accepted': return { op: 'many', list: a.added.map((c) => ({ op: 'remove', ...c })) };
	case 'rejected': return { op: 'many', list: a.changed.map((c) => ({ op: 'reject', from: a.from, doc: c.doc, start: c.start, end: c.end, code: c.code, undo: !a.undo })) };
	case 'many': return { op: 'many', list: a.list.slice().reverse().map(inverse) };
	case 'reject': return { ...a, undo: !a.undo };
	default: return null;
	}
}
async function perform(a) {
	if (a.op === 'many') { for (const x of a.list) await perform(x); return; }
	if (a.op === 'accepted') { for (const c of a.added) await ACT.add(c); return; }
	if (a.op === 'rejected') { for (const c of a.changed) await ACT.reject({ from: a.from, doc: c.doc, start: c.start, end: c.end, code: c.code, undo: a.undo }); return; }
	await ACT[a.op](a);
}
async function act(a, label) {
	try {
		await perform(a);
	} catch (e) {
		await reloadCodings().catch(() => {});
		return false;
	}
	pushUndo({ ...a, coder: S.coder, label });
	await afterWrite();
	return true;
}
function pushUndo(a) {
	S.undo.push(a);
	if (S.undo.length > 200) S.undo.shift();
	S.redo = [];
	updateUndoButtons();
}
function updateUndoButtons() {
	const u = S.undo.filter((a) => a.coder === S.coder);
	const r = S.redo.filter((a) => a.coder === S.coder);
	$('#undo').disabled = !u.length;
	$('#redo').disabled = !r.length;
	$('#undo').title = u.length ? `Undo ${u[u.length - 1].label} (Ctrl-Z)` : 'Nothing to undo';
	$('#redo').title = r.length ? `Redo ${r[r.length - 1].label} (Ctrl-Shift-Z)` : 'Nothing to redo';
}
async function undo() {
	const i = S.undo.map((a) => a.coder).lastIndexOf(S.coder);
	if (i < 0) { status('Nothing to undo'); return; }
	const a = S.undo[i];
	try { await perform(inverse(a)); } catch (e) { await reloadCodings().catch(() => {}); return; }
	S.undo.splice(i, 1);
	S.redo.push(a);
	updateUndoButtons();
	status(`Undone: ${a.label}`, 'saved');
	await afterWrite();
}
async function redo() {
	const i = S.redo.map((a) => a.coder).lastIndexOf(S.coder);
	if (i < 0) { status('Nothing to redo'); return; }
	const a = S.redo[i];
	try { await perform(a); } catch (e) { await reloadCodings().catch(() => {}); return; }
	S.redo.splice(i, 1);
	S.undo.push(a);
	updateUndoButtons();
	status(`Redone: ${a.label}`, 'saved');
	await afterWrite();
}

async function applyCode(code, span = S.pending) {
	const c = codeOf(code);
	if (!c) return;
	if (!span) { toast('Select some words first (or press t to code the whole turn).', 'info', 4000); return; }
	if (has(S.coder, S.docId, span.start, span.end, c.qualified)) { toast(`That passage is coded ${c.label} already.`, 'info', 4000); return; }
	const a = { op: 'add', doc: S.docId, start: span.start, end: span.end, code: c.qualified };
	if (span === S.pending) clearPending();
	const searched = $('#code-search').value !== '';
	$('#code-search').value = '';
	// Back to the text at once, so the next key (Ctrl-Z, t, 1) is for it.
	if (document.activeElement !== $('#transcript')) $('#transcript').focus({ preventScroll: true });
	const done = act(a, `coding ${c.label}`);
	// The request is on its way before the codebook and the recent codes
	// are drawn again.
	S.lastCode = c.qualified;
	setTimeout(() => {
		noteRecent(c.qualified);
		if (searched) renderCodebook();
	}, 0);
	await done;
}
function codeTurn() {
	if (!S.doc) return;
	if (!S.lastCode) { toast('No code used yet: code a selection first, then t repeats that code on a whole turn.', 'info', 5000); return; }
	const u = S.doc.units[S.cursorTurn];
	if (!u) return;
	applyCode(S.lastCode, { start: u.start, end: u.end });
}

// ---------------------------------------------------------------- inspector

function hideInspector() {
	$('#inspector').hidden = true;
	$('#inspector').innerHTML = '';
	S.inspecting = null;
	if (S.selected) { S.selected = null; refreshTranscript(); }
}
function chooseCodings(list, focusKey) {
	if (!list.length) { hideInspector(); return; }
	S.selected = focusKey || keyOf(list[0]);
	S.inspecting = { kind: 'codings', keys: list.map(keyOf) };
	refreshTranscript();
	renderInspector();
}
function fmtTime(iso) {
	if (!iso) return '—';
	const d = new Date(iso);
	return isNaN(d) ? iso : d.toLocaleString('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}
function renderInspector() {
	const box = $('#inspector');
	const ins = S.inspecting;
	if (!ins) return;
	if (ins.kind === 'memos') { renderMemos(); return; }
	const list = ins.keys.map((k) => S.codings.find((c) => keyOf(c) === k)).filter(Boolean);
	if (!list.length) { hideInspector(); return; }
	box.hidden = false;
	box.innerHTML = `<div class="ins-head"><h3>${list.length === 1 ? 'Coding' : `${list.length} codings here`}</h3><button type="button" class="icon" data-close aria-label="Close">×</button></div>`
		+ list.map((c) => {
			const k = kindOf(c);
			const mine = k === 'own';
			const txt = S.doc.text.slice(S.doc.map.toU16(c.start), S.doc.map.toU16(c.end));
			const n = S.codings.filter((x) => x.coder === c.coder && x.code === c.code && x.status !== 'rejected' && !has(S.coder, x.doc, x.start, x.end, x.code)).length;
			return `<article class="card ${k}${keyOf(c) === S.selected ? ' chosen' : ''}" data-key="${esc(keyOf(c))}" style="--c:${codeColor(c.code)}">
<h4><i class="sw" style="background:${codeColor(c.code)}"></i>${esc(codeLabel(c.code))} <span class="cid">${esc(c.code)}</span></h4>
<blockquote>${esc(txt.length > 220 ? `${txt.slice(0, 217)}…` : txt)}</blockquote>
<dl class="facts"><dt>coder</dt><dd>${esc(c.coder)}${k === 'prop' ? ' <span class="tag">proposal</span>' : ''}</dd><dt>origin</dt><dd>${esc(c.origin || 'manual')}</dd><dt>created</dt><dd>${esc(fmtTime(c.created))}</dd><dt>place</dt><dd>c${c.start}–${c.end}</dd></dl>
${mine ? `<label class="memo-label">Memo<textarea class="coding-memo" rows="3" placeholder="Why this code here?">${esc(c.memo || '')}</textarea></label>
<div class="row"><button type="button" class="primary" data-save-memo>Save memo</button><button type="button" class="danger" data-remove>Remove coding</button></div>`
		: `${c.memo ? `<p class="memo-text">${esc(c.memo)}</p>` : ''}${k === 'prop' ? `<div class="row"><button type="button" class="primary" data-accept>Accept <kbd>a</kbd></button><button type="button" data-reject>Reject <kbd>r</kbd></button></div>
<div class="row small"><button type="button" data-accept-all>Accept all ${n} ${esc(codeLabel(c.code))}</button><button type="button" data-reject-all>Reject all ${n}</button></div>`
		: `<div class="row"><button type="button" data-take>Take into ${esc(S.coder)}</button></div>`}`}
</article>`;
		}).join('');
}
async function onInspectorClick(e) {
	const t = e.target;
	if (t.closest('[data-close]')) { hideInspector(); return; }
	const card = t.closest('.card');
	if (!card) return;
	const c = S.codings.find((x) => keyOf(x) === card.dataset.key);
	if (!c) return;
	S.selected = keyOf(c);
	if (t.closest('[data-save-memo]')) {
		const memo = card.querySelector('.coding-memo').value.trim();
		if ((c.memo || '') === memo) { status('Memo unchanged'); return; }
		await act({ op: 'memo', doc: c.doc, start: c.start, end: c.end, code: c.code, memo, before: c.memo || '' }, 'memo');
		renderInspector();
	} else if (t.closest('[data-remove]')) {
		await removeCoding(c);
	} else if (t.closest('[data-accept]')) {
		await acceptProposal(c);
	} else if (t.closest('[data-reject]')) {
		await rejectProposal(c);
	} else if (t.closest('[data-accept-all]')) {
		await acceptAll(c.code, c.coder);
	} else if (t.closest('[data-reject-all]')) {
		await rejectAll(c.code, c.coder);
	} else if (t.closest('[data-take]')) {
		await acceptProposal(c);
	}
}
async function removeCoding(c) {
	if (c.coder !== S.coder) { toast(`Only ${c.coder} removes ${c.coder}'s codings.`, 'info'); return; }
	const ok = await act({ op: 'remove', doc: c.doc, start: c.start, end: c.end, code: c.code, memo: c.memo || undefined }, `removing ${codeLabel(c.code)}`);
	if (ok) hideInspector();
}
async function acceptProposal(c) {
	const ok = await act({ op: 'add', doc: c.doc, start: c.start, end: c.end, code: c.code, memo: c.memo || undefined, viaAccept: c.coder }, `accepting ${codeLabel(c.code)}`)
		.catch(() => false);
	void ok;
}
// Accept and reject of one proposal go through the accept/reject calls, so
// the origin records where the coding came from; their undo is a plain
// remove or unreject.
ACT.add = ((plainAdd) => async (a) => {
	if (!a.viaAccept) return plainAdd(a);
	return ACT.accept({ from: a.viaAccept, doc: a.doc, start: a.start, end: a.end, code: a.code });
})(ACT.add);
async function rejectProposal(c) {
	await act({ op: 'reject', from: c.coder, doc: c.doc, start: c.start, end: c.end, code: c.code }, `rejecting ${codeLabel(c.code)}`);
	hideInspector();
}
async function acceptAll(code, from) {
	const added = S.codings.filter((x) => x.coder === from && x.code === code && x.status !== 'rejected' && !has(S.coder, x.doc, x.start, x.end, x.code))
		.map((x) => ({ doc: x.doc, start: x.start, end: x.end, code: x.code }));
	if (!added.length) return;
	// One call per proposal: a call for the whole code would also take in
	// the proposals rejected before.
	try {
		for (const x of added) await ACT.accept({ from, ...x });
	} catch (e) { await reloadCodings().catch(() => {}); return; }
	pushUndo({ op: 'accepted', from, added, coder: S.coder, label: `accepting ${added.length} × ${codeLabel(code)}` });
	await afterWrite();
	hideInspector();
	status(`Accepted ${added.length} × ${codeLabel(code)}`, 'saved');
}
async function rejectAll(code, from) {
	const changed = S.codings.filter((x) => x.coder === from && x.code === code && x.status !== 'rejected' && !has(S.coder, x.doc, x.start, x.end, x.code))
		.map((x) => ({ doc: x.doc, start: x.start, end: x.end, code: x.code }));
	if (!changed.length) return;
	try {
		for (const x of changed) await ACT.reject({ from, ...x });
	} catch (e) { await reloadCodings().catch(() => {}); return; }
	pushUndo({ op: 'rejected', from, changed, undo: false, coder: S.coder, label: `rejecting ${changed.length} × ${codeLabel(code)}` });
	await afterWrite();
	hideInspector();
	status(`Rejected ${changed.length} × ${codeLabel(code)}`, 'saved');
}
function renderProposalBar() {
	const bar = $('#proposal-bar');
	if (!S.doc || !S.showProposals) { bar.hidden = true; return; }
	const open = visibleCodings().filter((c) => kindOf(c) === 'prop');
	if (!open.length) { bar.hidden = true; return; }
	const by = new Map();
	for (const c of open) by.set(c.code, (by.get(c.code) || 0) + 1);
	bar.hidden = false;
	const wasOpen = !!bar.querySelector('details[open]');
	bar.innerHTML = `<details${wasOpen ? ' open' : ''}><summary><span class="lead">${open.length} proposal${open.length === 1 ? '' : 's'} by the rules</span> <span class="hint">(dashed) · accept or reject them by code</span></summary><div class="pgroups">`
		+ Array.from(by).map(([code, n]) => `<span class="pgroup" style="--c:${codeColor(code)}"><i class="sw"></i>${esc(codeLabel(code))} <b>${n}</b>
<button type="button" data-accept-all="${esc(code)}" title="Accept every proposal of this code in the document">accept all</button><button type="button" data-reject-all="${esc(code)}" title="Reject every proposal of this code in the document">reject all</button></span>`).join('') + '</div></details>';
}

// ---------------------------------------------------------------- memos

async function openMemos() {
	if (!S.doc) return;
	S.inspecting = { kind: 'memos' };
	S.memoTargets = [
		{ kind: 'doc', target: S.doc.id, title: 'Document', sub: S.doc.id },
		...(S.doc.case ? [{ kind: 'case', target: S.doc.case, title: 'Case', sub: S.doc.case }] : []),
		...(S.memoCode || S.lastCode ? [{ kind: 'code', target: S.memoCode || S.lastCode, title: 'Code', sub: codeLabel(S.memoCode || S.lastCode) }] : []),
	];
	$('#inspector').hidden = false;
	$('#inspector').innerHTML = '<p class="empty">Loading memos…</p>';
	await Promise.all(S.memoTargets.map(async (m) => {
		const r = await api(`/api/memos?${q({ kind: m.kind, target: m.target })}`);
		m.text = r.text;
		m.version = r.version;
	}));
	renderMemos();
}
function renderMemos() {
	const box = $('#inspector');
	box.hidden = false;
	box.innerHTML = `<div class="ins-head"><h3>Memos</h3><button type="button" class="icon" data-close aria-label="Close">×</button></div>`
		+ (S.memoTargets || []).map((m, i) => {
			const key = `${m.kind}:${m.target}`;
			const draft = S.memoDrafts[key];
			return `<section class="memo" data-i="${i}">
<h4>${esc(m.title)} <span class="cid">${esc(m.sub)}</span></h4>
<textarea rows="${m.kind === 'doc' ? 5 : 3}" data-memo="${i}" aria-label="${esc(m.title)} memo" placeholder="A memo on this ${m.kind === 'doc' ? 'document' : m.kind}…">${esc(draft && draft.mine !== undefined ? draft.mine : m.text || '')}</textarea>
${draft && draft.conflict ? `<div class="conflict">Changed elsewhere meanwhile. The box shows your text, unsaved; the saved memo is:<blockquote>${esc((draft.theirs !== undefined ? draft.theirs : m.text) || '(empty)')}</blockquote></div>` : ''}
<div class="row"><button type="button" class="primary" data-save-memo-i="${i}">Save</button><span class="memo-state">${m.version === null ? 'no memo yet' : 'saved'}</span></div>
</section>`;
		}).join('');
}
async function saveMemo(i) {
	const m = S.memoTargets[i];
	const box = $(`textarea[data-memo="${i}"]`);
	const text = box.value.replace(/\s+$/, '');
	const key = `${m.kind}:${m.target}`;
	try {
		status('Saving…', 'busy');
		const r = await api('/api/memos', { kind: m.kind, target: m.target, text, base: m.version ?? null });
		m.text = text || null;
		m.version = r.version ?? null;
		delete S.memoDrafts[key];
		S.memosVersion = null; // the next poll sees the change as ours
		status(`Saved ${new Date().toLocaleTimeString('nl-NL')}`, 'saved');
		if (m.kind === 'code') loadCodeMemos();
	} catch (e) {
		status('Not saved', 'error');
		if (e.status === 409) {
			const r = await api(`/api/memos?${q({ kind: m.kind, target: m.target })}`);
			m.text = r.text;
			m.version = r.version;
			S.memoDrafts[key] = { mine: text, conflict: true };
			toast(`The ${m.title.toLowerCase()} memo was changed elsewhere. Nothing was overwritten: compare the two and save again.`, 'warn', 12000);
		} else toast(e.message, 'error');
	}
	renderMemos();
}
async function refreshMemos() {
	if (!S.inspecting || S.inspecting.kind !== 'memos') { loadCodeMemos(); return; }
	for (const [i, m] of (S.memoTargets || []).entries()) {
		const r = await api(`/api/memos?${q({ kind: m.kind, target: m.target })}`);
		if (r.version === m.version) continue;
		const box = $(`textarea[data-memo="${i}"]`);
		const key = `${m.kind}:${m.target}`;
		const dirty = box && box.value.replace(/\s+$/, '') !== (m.text || '');
		if (dirty) {
			// The box keeps its base: saving it is refused (409) and then
			// shows both texts, so the newer memo is never lost unseen.
			S.memoDrafts[key] = { mine: box.value, conflict: true, theirs: r.text };
			continue;
		}
		m.text = r.text;
		m.version = r.version;
	}
	renderMemos();
	loadCodeMemos();
}
async function loadCodeMemos() {
	// Which codes carry a memo: asked per code only when few are shown,
	// otherwise left to the memo panel.
	S.memoCodes = S.memoCodes || new Set();
}

// ---------------------------------------------------------------- compare

function fillDocSelects() {
	const opts = S.docs.map((d) => `<option value="${esc(d.id)}">${esc(d.id)}</option>`).join('');
	$('#cmp-doc').innerHTML = opts;
	if (S.docId) $('#cmp-doc').value = S.docId;
}
function fillCoderSelects() {
	const keep = (sel, dflt) => { const v = sel.value || dflt; return v; };
	const names = S.coders;
	const a = keep($('#cmp-a'), names.find((c) => c !== 'auto' && c !== 'consensus') || names[0]);
	const b = keep($('#cmp-b'), names.find((c) => c !== 'auto' && c !== a && c !== 'consensus') || names.find((c) => c !== a) || names[0]);
	$('#cmp-a').innerHTML = names.map((c) => `<option>${esc(c)}</option>`).join('');
	$('#cmp-b').innerHTML = $('#cmp-a').innerHTML;
	$('#cmp-a').value = a;
	$('#cmp-b').value = b;
	const mx = $('#mx-coder').value || S.coder;
	$('#mx-coder').innerHTML = names.map((c) => `<option>${esc(c)}</option>`).join('');
	$('#mx-coder').value = names.includes(mx) ? mx : names[0];
	const qc = $('#q-coder').value;
	$('#q-coder').innerHTML = `<option value="">all coders</option>${names.map((c) => `<option>${esc(c)}</option>`).join('')}`;
	$('#q-coder').value = qc;
	$('#coder-select').innerHTML = [...new Set([...names, S.coder])].sort().map((c) => `<option${c === S.coder ? ' selected' : ''}>${esc(c)}</option>`).join('')
		+ '<option value="+new">New coder…</option>';
}
async function loadCompare() {
	const id = $('#cmp-doc').value || S.docId;
	const a = $('#cmp-a').value, b = $('#cmp-b').value, unit = $('#cmp-unit').value;
	const box = $('#compare');
	if (!id || !a || !b) { box.innerHTML = '<p class="empty">Choose a document and two coders.</p>'; return; }
	if (a === b) { box.innerHTML = '<p class="empty">Choose two different coders.</p>'; return; }
	if (id !== S.docId) { await openDoc(id); return; }
	let cmp;
	try { cmp = await api(`/api/compare?${q({ doc: id, coders: `${a},${b}`, unit })}`); } catch (e) { box.innerHTML = `<p class="empty">${esc(e.message)}</p>`; return; }
	S.compare = { a, b, unit, cmp };
	renderCompare();
}
function renderCompare() {
	const { a, b, cmp } = S.compare;
	const d = S.doc;
	const cons = $('#cmp-consensus').value.trim();
	const only = $('#cmp-only').checked;
	const live = (coder) => S.codings.filter((c) => c.coder === coder && c.status !== 'rejected');
	const byA = codingsByUnit(live(a)), byB = codingsByUnit(live(b)), byC = cons ? codingsByUnit(live(cons)) : new Map();
	const disBy = new Map();
	cmp.disagreements.forEach((x, n) => {
		x.n = n;
		const [i, j] = unitRange(x.start, x.end);
		for (let k = i; k <= j; k++) if (x.start < d.units[k].end && x.end > d.units[k].start) { if (!disBy.has(k)) disBy.set(k, []); disBy.get(k).push(x); }
	});
	const inCons = (x) => (byC.get(unitRange(x.start, x.end)[0]) || []).some((c) => c.code === x.code && c.start < x.end && c.end > x.start);
	$('#cmp-summary').innerHTML = `<b>${cmp.disagreements.length}</b> disagreement${cmp.disagreements.length === 1 ? '' : 's'} in ${cmp.units} ${esc(S.compare.unit)}s`;
	const side = (coder, by, i, u, marks) => {
		const cods = by.get(i) || [];
		const list = cods.map((c) => `<span class="ctag" style="--c:${codeColor(c.code)}">${esc(codeLabel(c.code))}</span>`).join('');
		const saved = S.coder;
		S.coder = coder; // draw this coder's codings as solid
		const html = unitText(u, cods, { mark: marks });
		S.coder = saved;
		return `<div class="side"><div class="txt">${html}</div>${list ? `<div class="ctags">${list}</div>` : ''}</div>`;
	};
	const rows = [];
	d.units.forEach((u, i) => {
		const dis = disBy.get(i) || [];
		if (only && !dis.length) return;
		const marks = dis.map((x) => ({ start: x.start, end: x.end }));
		const notes = dis.map((x) => {
			const done = cons && (x.values[a] === 'yes') === inCons(x) ? 'a' : cons && (x.values[b] === 'yes') === inCons(x) ? 'b' : '';
			return `<div class="dis" data-n="${x.n}" style="--c:${codeColor(x.code)}"><i class="sw"></i><b>${esc(codeLabel(x.code))}</b>
<span class="vals">${esc(a)}: ${x.values[a]} · ${esc(b)}: ${x.values[b]}</span>
<button type="button" data-take="a" class="${done === 'a' ? 'taken' : ''}">Take ${esc(a)}’s</button><button type="button" data-take="b" class="${done === 'b' ? 'taken' : ''}">Take ${esc(b)}’s</button>
${done ? `<span class="tag">${esc(cons)} has ${done === 'a' ? esc(a) : esc(b)}’s</span>` : ''}</div>`;
		}).join('');
		rows.push(`<div class="crow${dis.length ? ' has-dis' : ''}" data-i="${i}"><div class="meta"><span class="num">${u.n}</span>${u.speaker ? `<span class="spk">${esc(u.speaker)}</span>` : ''}</div>${side(a, byA, i, u, marks)}${side(b, byB, i, u, marks)}${notes ? `<div class="notes">${notes}</div>` : ''}</div>`);
	});
	$('#compare').setAttribute('lang', S.project.language || 'nl');
	$('#compare').innerHTML = `<div class="chead"><div></div><div>${esc(a)}</div><div>${esc(b)}</div></div>${rows.join('') || '<p class="empty">No disagreements: the two coders agree on every unit.</p>'}`;
}
// Taking a coder's side of a disagreement makes the consensus coder agree
// with that coder on the unit: their codings of the code are accepted into
// it, or, where that coder has none, the consensus coder's are removed.
async function takeSide(x, which) {
	const { a, b } = S.compare;
	const from = which === 'a' ? a : b;
	const cons = $('#cmp-consensus').value.trim();
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(cons)) { toast('Name a consensus coder: letters, digits, dots, dashes.', 'warn'); return; }
	if (cons === from) { toast('The consensus coder must differ from the coders compared.', 'warn'); return; }
	const overl = (c) => c.doc === S.docId && c.code === x.code && c.status !== 'rejected' && c.start < x.end && c.end > x.start;
	const theirs = S.codings.filter((c) => c.coder === from && overl(c));
	const ours = S.codings.filter((c) => c.coder === cons && overl(c));
	try {
		for (const c of theirs) if (!ours.some((o) => o.start === c.start && o.end === c.end)) {
			await write('/api/codings/accept', { from, doc: c.doc, start: c.start, end: c.end, code: c.code }, { coder: cons, retry: () => true });
		}
		for (const o of ours) if (!theirs.some((c) => c.start === o.start && c.end === o.end)) {
			await write('/api/codings/remove', { doc: o.doc, start: o.start, end: o.end, code: o.code }, { coder: cons, retry: () => true });
		}
	} catch (e) { /* said already */ }
	await reloadCodings();
	renderCompare();
	status(`${cons} takes ${from}’s ${codeLabel(x.code)}`, 'saved');
}

// ---------------------------------------------------------------- retrieve

function fillRetrieveForm() {
	const sel = $('#q-code');
	const v = sel.value;
	sel.innerHTML = (S.codebook ? S.codebook.schemes : []).map((s) => `<optgroup label="${esc(s.label)}">${S.codeOrder.filter((c) => c.scheme === s)
		.map((c) => `<option value="${esc(c.qualified)}">${'\u2003'.repeat(c.depth)}${esc(c.label)}</option>`).join('')}</optgroup>`).join('');
	if (v) sel.value = v;
	const attrs = new Map();
	for (const d of S.docs) for (const [k, val] of Object.entries(d.attrs || {})) if (val) { if (!attrs.has(k)) attrs.set(k, new Set()); attrs.get(k).add(val); }
	const av = $('#q-attr').value;
	$('#q-attr').innerHTML = '<option value="">any case</option>' + Array.from(attrs).map(([k, vals]) => `<optgroup label="${esc(k)}">${Array.from(vals).sort().map((x) => `<option value="${esc(`${k}=${x}`)}">${esc(x)}</option>`).join('')}</optgroup>`).join('');
	$('#q-attr').value = av;
}
async function loadSpeakers() {
	if (S.speakers) return;
	S.speakers = new Set();
	if (S.doc) for (const u of S.doc.units) if (u.speaker) S.speakers.add(u.speaker);
	$('#q-speakers').innerHTML = Array.from(S.speakers).map((s) => `<option value="${esc(s)}">`).join('');
}
async function loadQuotes({ code, coder, speaker, attr, caseId } = {}) {
	code = code ?? $('#q-code').value;
	coder = coder ?? $('#q-coder').value;
	speaker = speaker ?? $('#q-speaker').value.trim();
	attr = attr ?? $('#q-attr').value;
	if (!code) return;
	$('#q-summary').textContent = 'Loading…';
	let list;
	try { list = await api(`/api/quotes?${q({ code, coder, speaker, attr })}`); } catch (e) { $('#q-summary').textContent = e.message; return; }
	if (caseId) list = list.filter((x) => x.case === caseId);
	const c = codeOf(code);
	$('#q-summary').innerHTML = `<i class="sw" style="background:${codeColor(code)}"></i><b>${list.length}</b> quote${list.length === 1 ? '' : 's'} of <b>${esc(c ? c.label : code)}</b>${coder ? ` by ${esc(coder)}` : ''}${speaker ? `, speaker ${esc(speaker)}` : ''}${attr ? `, ${esc(attr)}` : ''}${caseId ? `, case ${esc(caseId)}` : ''}`;
	$('#quotes').setAttribute('lang', S.project.language || 'nl');
	$('#quotes').innerHTML = list.map((x) => `<li class="quote" style="--c:${codeColor(x.code)}">
<blockquote>${esc(x.text)}</blockquote>
<div class="qmeta"><button type="button" class="link" data-open="${esc(x.doc)}" data-start="${x.start}" data-end="${x.end}">${esc(x.doc)}${x.turn ? ` · turn ${x.turn}` : ''}</button>
${x.speaker ? `<span>${esc(x.speaker)}</span>` : ''}${x.case ? `<span>case ${esc(x.case)}</span>` : ''}<span>${esc(x.coder)}${x.coder === 'auto' ? ' (rules)' : ''}</span></div>
${x.memo ? `<p class="memo-text">${esc(x.memo)}</p>` : ''}</li>`).join('') || '<li class="empty">No quotes.</li>';
}
async function loadMatrix() {
	const coder = $('#mx-coder').value;
	if (!coder) return;
	let m;
	try { m = await api(`/api/matrix?${q({ coder })}`); } catch (e) { $('#matrix').innerHTML = `<p class="empty">${esc(e.message)}</p>`; return; }
	S.matrix = m;
	const max = Math.max(1, ...m.cells.flat());
	const keep = m.rows.map((r, i) => [r, i]).filter(([, i]) => m.cells[i].some((v) => v > 0));
	const head = m.cols.map((c) => `<th scope="col" title="${esc(c)}: ${esc(codeLabel(c))}"><span style="--c:${codeColor(c)}">${esc(codeLabel(c))}</span></th>`).join('');
	const totals = m.cols.map((c, j) => m.cells.reduce((s, row) => s + (row[j] || 0), 0));
	const body = keep.map(([r, i]) => `<tr><th scope="row" title="${esc(r)}">${esc(r)}</th>${m.cells[i].map((v, j) => v ? `<td><button type="button" data-case="${esc(r)}" data-code="${esc(m.cols[j])}" style="--a:${(0.12 + 0.6 * (v / max)).toFixed(2)};--c:${codeColor(m.cols[j])}" title="${v} × ${esc(codeLabel(m.cols[j]))} in ${esc(r)}">${v}</button></td>` : '<td class="zero">·</td>').join('')}</tr>`).join('');
	$('#matrix').innerHTML = m.cols.length ? `<table><thead><tr><th class="corner">${keep.length} of ${m.rows.length} cases</th>${head}</tr></thead><tbody>${body}</tbody><tfoot><tr><th>total</th>${totals.map((t) => `<td>${t}</td>`).join('')}</tr></tfoot></table>`
		: `<p class="empty">${esc(coder)} has no codings yet.</p>`;
}

// ---------------------------------------------------------------- loading and polling

async function reloadCodings() {
	if (!S.docId) return;
	const c = await api(`/api/codings?${q({ doc: S.docId })}`);
	S.codings = c.codings;
	S.codingsStale = false;
	S.touched = [];
	Object.assign(S.versions, c.versions);
	refreshTranscript();
	if (S.inspecting && S.inspecting.kind === 'codings') renderInspector();
	if (S.view === 'compare' && S.compare) renderCompare();
}
let docsTimer = 0;
function scheduleDocsReload() {
	clearTimeout(docsTimer);
	docsTimer = setTimeout(() => loadDocs().catch(() => {}), 600);
}
async function reloadAll() {
	await loadProject();
	const cb = await api('/api/codebook');
	indexCodebook(cb);
	loadPrefs();
	renderQuick();
	renderCodebook();
	fillRetrieveForm();
	await loadDocs();
	if (S.docId) await reloadCodings();
}
async function loadProject() {
	const p = await api('/api/project');
	S.project = p;
	S.coders = p.coders.slice();
	S.versions = { ...p.versions };
	S.memosVersion = p.memos_version;
	if (!S.coder) S.coder = p.coder;
	$('#project-name').textContent = p.name;
	document.title = `${p.name} · codeer`;
	fillCoderSelects();
}
let polling = false;
async function poll() {
	if (polling) return;
	polling = true;
	try {
		const p = await api('/api/project');
		const changed = Object.keys(p.versions).filter((c) => p.versions[c] !== S.versions[c]);
		const gone = Object.keys(S.versions).filter((c) => !(c in p.versions) && S.codings.some((x) => x.coder === c));
		const newCoders = p.coders.join() !== S.coders.join();
		S.project = p;
		if (newCoders) { S.coders = p.coders.slice(); fillCoderSelects(); }
		if (changed.length || gone.length) {
			await serial(reloadCodings);
			Object.assign(S.versions, p.versions);
			scheduleDocsReload();
			if (S.view === 'retrieve') loadMatrix();
			if (S.view === 'compare' && S.compare && changed.some((c) => c === S.compare.a || c === S.compare.b)) loadCompare();
		}
		if (p.memos_version !== S.memosVersion) {
			S.memosVersion = p.memos_version;
			await refreshMemos();
		}
	} catch (e) {
		/* the banner says the server is away */
	} finally {
		polling = false;
	}
}

// ---------------------------------------------------------------- views

function setView(v) {
	S.view = v;
	for (const b of $$('.views button')) b.setAttribute('aria-pressed', String(b.dataset.view === v));
	for (const s of ['code', 'compare', 'retrieve']) $(`#view-${s}`).hidden = s !== v;
	document.body.dataset.view = v;
	if (v === 'compare') { fillDocSelects(); loadCompare(); }
	if (v === 'retrieve') { fillRetrieveForm(); loadSpeakers(); loadMatrix(); }
	if (v === 'code' && S.doc) { redrawMargins(); $('#transcript').focus({ preventScroll: true }); }
}
async function switchCoder(name) {
	if (name === S.coder) return;
	S.coder = name;
	if (!S.coders.includes(name)) { S.coders.push(name); S.coders.sort(); }
	fillCoderSelects();
	updateUndoButtons();
	hideInspector();
	if (S.doc) { S.unitSig = S.unitSig.map(() => '?'); refreshTranscript(); }
	renderDocs();
	status(`Coding as ${name}`);
}

// ---------------------------------------------------------------- events

function bind() {
	for (const b of $$('.views button')) b.onclick = () => setView(b.dataset.view);
	$('#doc-filter').addEventListener('input', renderDocs);
	$('#doc-list').addEventListener('click', (e) => {
		const b = e.target.closest('[data-doc]');
		if (b) openDoc(b.dataset.doc).catch((err) => toast(err.message, 'error'));
	});
	$('#coder-select').addEventListener('change', (e) => {
		const v = e.target.value;
		if (v === '+new') {
			e.target.value = S.coder;
			$('#new-coder-name').value = '';
			$('#new-coder').showModal();
			return;
		}
		switchCoder(v);
	});
	$('#new-coder').addEventListener('close', () => {
		const name = $('#new-coder-name').value.trim();
		if ($('#new-coder').returnValue === 'ok' && name) switchCoder(name);
	});
	$('#help-button').onclick = () => $('#help').showModal();
	$('#undo').onclick = () => undo();
	$('#redo').onclick = () => redo();
	$('#show-proposals').addEventListener('change', (e) => { S.showProposals = e.target.checked; refreshTranscript(); });
	$('#show-others').addEventListener('change', (e) => { S.showOthers = e.target.checked; refreshTranscript(); });
	$('#memos-button').onclick = () => openMemos().catch((err) => toast(err.message, 'error'));

	const tr = $('#transcript');
	tr.addEventListener('mouseup', (e) => {
		if (e.button !== 0) return;
		setTimeout(() => {
			if (captureSelection()) return;
			// A click, not a drag: the codings under it, if any.
			const sel = window.getSelection();
			if (sel.isCollapsed) {
				const bar = e.target.closest('.bar, .blabel');
				if (bar) {
					const c = S.codings.find((x) => keyOf(x) === bar.dataset.key);
					if (c) { clearPending(); chooseCodings([c]); }
					return;
				}
				const span = e.target.closest('.txt > span.hl');
				if (span && sel.anchorNode) {
					const off = pointToCp(sel.anchorNode, sel.anchorOffset, false);
					const at = visibleCodings().filter((c) => c.start <= off && c.end > off).sort((x, y) => (x.end - x.start) - (y.end - y.start));
					clearPending();
					chooseCodings(at);
					return;
				}
				if (S.pending) clearPending();
			}
		}, 0);
	});
	tr.addEventListener('keyup', (e) => { if (e.shiftKey && e.key.startsWith('Arrow')) captureSelection(); });
	tr.addEventListener('mousemove', (e) => {
		const t = e.target.closest && e.target.closest('.turn');
		if (t && +t.dataset.i !== S.cursorTurn && !S.pending) { S.cursorTurn = +t.dataset.i; markCursor(); }
	});
	tr.addEventListener('click', (e) => { if (e.target.closest('a.num')) e.preventDefault(); });

	$('#codebook').addEventListener('click', (e) => {
		const pin = e.target.closest('[data-pin]');
		if (pin) { togglePin(pin.dataset.pin); return; }
		const more = e.target.closest('[data-more]');
		if (more) { const det = more.closest('li').querySelector('.code-details'); det.hidden = !det.hidden; more.classList.toggle('on', !det.hidden); return; }
		const b = e.target.closest('button.code');
		if (!b) return;
		if (S.pending) applyCode(b.dataset.code);
		else {
			S.memoCode = b.dataset.code;
			const det = b.closest('li').querySelector('.code-details');
			if (det) det.hidden = !det.hidden;
			updateHint();
		}
	});
	for (const id of ['#pinned', '#recent']) {
		$(id).addEventListener('click', (e) => {
			const b = e.target.closest('[data-code]');
			if (b) applyCode(b.dataset.code);
		});
	}
	// Buttons in the codebook must not take the selection away.
	for (const id of ['#codebook', '#pinned', '#recent']) $(id).addEventListener('mousedown', (e) => { if (e.target.closest('button')) e.preventDefault(); });

	const search = $('#code-search');
	search.addEventListener('input', () => { searchActive = 0; renderCodebook(); });
	search.addEventListener('keydown', (e) => {
		if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			e.preventDefault();
			if (!searchHits.length) return;
			searchActive = (searchActive + (e.key === 'ArrowDown' ? 1 : searchHits.length - 1)) % searchHits.length;
			renderCodebook();
		} else if (e.key === 'Enter') {
			e.preventDefault();
			const c = searchHits[searchActive];
			if (!c) { toast('No code matches that name.', 'info', 3000); return; }
			if (S.pending) applyCode(c.qualified);
			else { S.memoCode = c.qualified; toast(`Select words first, then Enter applies ${c.label}.`, 'info', 3000); }
		} else if (e.key === 'Escape') {
			search.value = '';
			renderCodebook();
			$('#transcript').focus({ preventScroll: true });
		}
	});

	$('#inspector').addEventListener('click', (e) => {
		const s = e.target.closest('[data-save-memo-i]');
		if (s) { saveMemo(+s.dataset.saveMemoI); return; }
		onInspectorClick(e).catch(() => {});
	});
	$('#inspector').addEventListener('input', (e) => {
		const t = e.target.closest('textarea[data-memo]');
		if (t) { const m = S.memoTargets[+t.dataset.memo]; const k = `${m.kind}:${m.target}`; S.memoDrafts[k] = { ...(S.memoDrafts[k] || {}), mine: t.value }; }
	});
	$('#proposal-bar').addEventListener('click', (e) => {
		const acc = e.target.closest('[data-accept-all]');
		const rej = e.target.closest('[data-reject-all]');
		if (acc) acceptAll(acc.dataset.acceptAll, 'auto');
		if (rej) rejectAll(rej.dataset.rejectAll, 'auto');
	});

	// Compare
	for (const id of ['#cmp-doc', '#cmp-a', '#cmp-b', '#cmp-unit']) $(id).addEventListener('change', () => loadCompare());
	$('#cmp-only').addEventListener('change', () => S.compare && renderCompare());
	$('#cmp-consensus').addEventListener('change', () => S.compare && renderCompare());
	$('#compare').addEventListener('click', (e) => {
		const b = e.target.closest('[data-take]');
		if (!b) return;
		const x = S.compare.cmp.disagreements[+b.closest('.dis').dataset.n];
		takeSide(x, b.dataset.take);
	});

	// Retrieve
	$('#q-form').addEventListener('submit', (e) => { e.preventDefault(); loadQuotes(); });
	$('#mx-coder').addEventListener('change', loadMatrix);
	$('#matrix').addEventListener('click', (e) => {
		const b = e.target.closest('[data-case]');
		if (!b) return;
		$('#q-code').value = b.dataset.code;
		$('#q-coder').value = $('#mx-coder').value;
		$('#q-speaker').value = '';
		$('#q-attr').value = '';
		loadQuotes({ caseId: b.dataset.case });
	});
	$('#quotes').addEventListener('click', async (e) => {
		const b = e.target.closest('[data-open]');
		if (!b) return;
		setView('code');
		await openDoc(b.dataset.open, { at: { start: +b.dataset.start, end: +b.dataset.end } });
	});

	document.addEventListener('keydown', onKey);
	window.addEventListener('resize', () => { if (S.doc && S.view === 'code') redrawMargins(); });
}

function inField(e) {
	const t = e.target;
	return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}
function onKey(e) {
	const ctrl = e.ctrlKey || e.metaKey;
	if (ctrl && !e.altKey && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
		if (inField(e)) return; // the field's own undo
		e.preventDefault();
		if (e.key === 'y' || e.shiftKey) redo(); else undo();
		return;
	}
	if (e.altKey && !ctrl && ['1', '2', '3'].includes(e.key)) { e.preventDefault(); setView(['code', 'compare', 'retrieve'][+e.key - 1]); return; }
	if (ctrl || e.altKey || inField(e)) return;
	if (document.querySelector('dialog[open]')) return;
	if (S.view !== 'code') return;
	const k = e.key;
	if (k === 'Escape') { clearPending(); hideInspector(); return; }
	if (k === '?') { $('#help').showModal(); return; }
	if (/^[1-9]$/.test(k)) {
		e.preventDefault();
		const code = S.pinned[+k - 1];
		if (!code) { toast(`No code is pinned on ${k}. Pin one with ☆ in the codebook.`, 'info', 4000); return; }
		if (!S.pending) { toast('Select some words first.', 'info', 3000); return; }
		applyCode(code);
		return;
	}
	if (S.pending && k.length === 1 && /\S/.test(k)) {
		// Typing with words selected looks for a code.
		e.preventDefault();
		const s = $('#code-search');
		s.value = k;
		searchActive = 0;
		renderCodebook();
		s.focus();
		return;
	}
	if (k === 'Enter' && S.pending && $('#code-search').value) { e.preventDefault(); const c = searchHits[searchActive]; if (c) applyCode(c.qualified); return; }
	if (k === 't') { e.preventDefault(); codeTurn(); return; }
	if (k === 'j') { e.preventDefault(); moveCursor(1); return; }
	if (k === 'k') { e.preventDefault(); moveCursor(-1); return; }
	if (k === '/') { e.preventDefault(); $('#code-search').focus(); return; }
	if (k === 'm') { e.preventDefault(); openMemos().catch((err) => toast(err.message, 'error')); return; }
	const chosen = S.selected && S.codings.find((c) => keyOf(c) === S.selected);
	if (chosen && (k === 'Delete' || k === 'Backspace')) { e.preventDefault(); removeCoding(chosen); return; }
	if (chosen && kindOf(chosen) === 'prop' && k === 'a') { e.preventDefault(); acceptProposal(chosen).then(hideInspector); return; }
	if (chosen && kindOf(chosen) === 'prop' && k === 'r') { e.preventDefault(); rejectProposal(chosen); }
}

// ---------------------------------------------------------------- start

async function start() {
	bind();
	updateHint();
	try {
		await reloadAll();
	} catch (e) {
		$('#doc-title').textContent = 'The project could not be loaded';
		toast(e.message, 'error', 0);
		return;
	}
	const want = decodeURIComponent(location.hash.slice(1));
	const first = S.docs.find((d) => d.id === want) || S.docs[0];
	if (first) await openDoc(first.id);
	else $('#transcript').innerHTML = '<p class="empty">The project has no documents yet (codeer add).</p>';
	document.body.dataset.ready = '1';
	setInterval(poll, POLL_MS);
}
start();
