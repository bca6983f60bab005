// tests/browser/lib.mjs -- what the browser tests and the screenshot
// script share: start the server on a project, read its address, and
// launch Debian's Chromium headless through playwright-core (which never
// downloads a browser of its own here).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Chromium is started here, with exactly these flags and a fresh profile,
// and playwright-core connects to it over the DevTools protocol: that keeps
// --user-data-dir ours and still allows several browser contexts.
export async function launch() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'codeer-chromium-'));
	const proc = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'pipe'] });
	const ws = await new Promise((resolve, reject) => {
		let err = '';
		const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err}`)), 30000);
		proc.stderr.on('data', (d) => {
			err += d;
			const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
			if (m) { clearTimeout(timer); resolve(m[1]); }
		});
		proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}): ${err}`)); });
	});
	const browser = await chromium.connectOverCDP(ws);
	const close = browser.close.bind(browser);
	browser.close = async () => {
		await close().catch(() => {});
		proc.kill('SIGTERM');
		await new Promise((r) => { if (proc.exitCode !== null) r(); else proc.once('exit', r); });
		// Chromium's helpers may still be writing the profile as it goes.
		try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch (e) { /* left in TMPDIR */ }
	};
	return browser;
}

// Starts `codeer serve` (or any command that prints the page's address
// first) and resolves with {proc, url, origin, token} once the address is out.
export function serve(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let err = '';
		proc.stderr.on('data', (d) => { err += d; });
		const rl = readline.createInterface({ input: proc.stdout });
		const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`no address from ${cmd} within 15 s: ${err}`)); }, 15000);
		rl.once('line', (line) => {
			clearTimeout(timer);
			const m = /(https?:\/\/\S+)/.exec(line);
			if (!m) { proc.kill('SIGKILL'); reject(new Error(`the first line is no address: ${line}`)); return; }
			const url = new URL(m[1]);
			resolve({ proc, url: url.href, origin: url.origin, token: url.searchParams.get('token'), stderr: () => err });
		});
		proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${cmd} exited (${code}) before printing its address: ${err}`)); });
	});
}
