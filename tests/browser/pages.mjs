// pages: the checks every page gets (axe-core's WCAG 2.1 A/AA rules, weight, requests to
// other sites, stored script payloads, the 375 px phone, screenshots) and the crawler
// that finds a person's pages by following the links they are shown.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { DESKTOP, PHONE } from './lib.mjs';
import { note, ok, skip } from './tap.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const MAX_PAGE_BYTES = 100 * 1024;

/* Paths never crawled: assets, the API, and what only a form may do. */
const NOT_PAGES = /^\/(static|api)\/|^\/signout\b|\.(css|js|json|csv|ics|zip|pdf|xlsx|png|svg|jpg)$/i;

/* "networks-1", "dashboard", "root": a file name for the page at path. */
export function slug(path) {
	const s = path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return s.slice(0, 80) || 'root';
}

/* The page's kind: numbers in the path become {id} and any query is one "?", so
 * /networks/1 and /networks/2 are one kind, /library?q=a and /library?page=2 another,
 * and only the first met of each is checked. */
export function kindOf(url) {
	const u = new URL(url);
	return u.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}') + (u.search ? '?' : '');
}

/* Bytes of each same-origin URL, filled as responses arrive (an asset is fetched once,
 * then comes from the cache, and still weighs on every page that uses it). */
const weights = new Map();

function watchWeights(v) {
	if (v.watchingWeights) return;
	v.watchingWeights = true;
	v.page.on('response', async (res) => {
		const url = res.url();
		if (!url.startsWith(v.origin) || weights.has(url) || res.status() >= 300) return;
		try {
			weights.set(url, (await res.body()).length);
		} catch {
			/* a redirect or an aborted load has no body */
		}
	});
}

/* Runs axe-core on the page; returns its violations. */
async function axe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
	return page.evaluate(
		(tags) =>
			window.axe
				.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
				.then((r) =>
					r.violations.map((x) => ({
						id: x.id,
						impact: x.impact,
						help: x.help,
						helpUrl: x.helpUrl,
						nodes: x.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
					})),
				),
		AXE_TAGS,
	);
}

function axeDiagnostics(violations) {
	const lines = [];
	for (const x of violations) {
		lines.push(`${x.id} (${x.impact}): ${x.help} - ${x.helpUrl}`);
		for (const n of x.nodes.slice(0, 6)) {
			lines.push(`  target: ${n.target}`);
			if (n.summary) lines.push(`    ${n.summary.replace(/\n\s*/g, ' / ').slice(0, 300)}`);
		}
		if (x.nodes.length > 6) lines.push(`  ... and ${x.nodes.length - 6} more`);
	}
	return lines;
}

/* Everything a page must be, checked on the page the visitor is at now (just loaded
 * from path with response res). who names the visitor in the check names and the
 * screenshot files (<who>-<page>-1280.png and -375.png under shots). Returns the
 * page's visible text, for the payload check. */
export async function checkPage(v, path, res, who, shots, findings) {
	const page = v.page;
	const name = `${who} ${path}`;
	const html = (await res.body()).length;
	const assets = await page.evaluate(() => [
		...new Set([
			...performance.getEntriesByType('resource').map((e) => e.name),
			...[...document.querySelectorAll('link[rel=stylesheet][href], script[src], img[src]')].map((e) => e.href || e.src),
		]),
	]);
	for (const url of assets)
		if (!weights.has(url) && url.startsWith(v.origin)) weights.set(url, (await (await v.context.request.get(url)).body()).length);
	const bytes = html + assets.reduce((sum, url) => sum + (weights.get(url) || 0), 0);
	ok(bytes <= MAX_PAGE_BYTES, `${name}: weighs ${bytes} bytes with its assets, under 100 KB`, [
		`HTML ${html} bytes; assets: ${assets.join(' ')}`,
	]);

	const violations = await axe(page);
	for (const x of violations) findings.push({ who, path, ...x });
	ok(violations.length === 0, `${name}: axe-core finds no WCAG 2.1 A/AA violation`, axeDiagnostics(violations));

	const ran = await page.evaluate(() => window.__xss);
	ok(ran === undefined && v.dialogs.length === 0, `${name}: no stored script ran`, [
		`window.__xss = ${ran}`,
		...v.dialogs,
	]);
	v.dialogs.length = 0;

	await page.screenshot({ path: join(shots, `${who}-${slug(path)}-1280.png`), fullPage: true });
	await page.setViewportSize(PHONE);
	const fit = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth,
		/* the outermost elements that stick out: their parent fits */
		wide: [...document.body.querySelectorAll('*')]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
			.filter((e) => e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
			.slice(0, 5)
			.map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} "${(e.innerText || '').trim().slice(0, 40)}"`),
	}));
	ok(fit.scroll <= fit.inner + 1, `${name}: fits a 375 px phone without scrolling sideways`, [
		`scrollWidth ${fit.scroll} > innerWidth ${fit.inner}`,
		`too wide: ${fit.wide.join(', ')}`,
	]);
	await page.screenshot({ path: join(shots, `${who}-${slug(path)}-375.png`), fullPage: true });
	await page.setViewportSize(DESKTOP);

	ok(v.foreign.length === 0, `${name}: every request stays on ${v.origin}`, v.foreign.slice(0, 10));
	v.foreign.length = 0;
	return page.locator('body').innerText();
}

/* Visits the pages the visitor's links lead to, breadth first from start (paths), at
 * most max pages and `perKind` pages of each kind (see kindOf), GET only, never
 * leaving the origin, and checks each with checkPage. A link answering 404 under one
 * of the notBuiltYet prefixes is noted as a skip (that family of pages is not in
 * this server yet); any other answer but 200 fails. Returns { checked: [paths],
 * texts: Map path -> visible text }. */
export async function crawl(v, who, start, opts) {
	const { max = 40, perKind = 1, notBuiltYet = [], shots, findings } = opts;
	watchWeights(v);
	const queue = start.map((path) => ({ url: v.url(path), from: '(start)' }));
	const queued = new Set(queue.map((q) => q.url));
	const kinds = new Map();
	const checked = [];
	const missing = [];
	const texts = new Map();
	while (queue.length > 0 && checked.length < max) {
		const { url, from } = queue.shift();
		const kind = kindOf(url);
		if ((kinds.get(kind) || 0) >= perKind) continue;
		kinds.set(kind, (kinds.get(kind) || 0) + 1);
		const path = new URL(url).pathname + new URL(url).search;
		let res;
		try {
			res = await v.page.goto(url);
		} catch (err) {
			ok(false, `${who} ${path} (linked from ${from}) loads`, [err.message.split('\n')[0]]);
			continue;
		}
		const status = res ? res.status() : 0;
		const type = res ? res.headers()['content-type'] || '' : '';
		if (status === 404 && notBuiltYet.some((p) => path === p || path.startsWith(p + '/') || path.startsWith(p + '?'))) {
			missing.push(path);
			continue;
		}
		if (status !== 200 || !type.startsWith('text/html')) {
			ok(false, `${who} ${path} (linked from ${from}) answers a page`, [`status ${status}, ${type}`]);
			continue;
		}
		const at = v.here();
		const landed = kindOf(v.page.url());
		if (landed !== kind) {
			/* a redirect, e.g. / to /dashboard: check where it led only once */
			if ((kinds.get(landed) || 0) >= perKind) continue;
			kinds.set(landed, (kinds.get(landed) || 0) + 1);
		}
		checked.push(at);
		texts.set(at, await checkPage(v, at, res, who, shots, findings));
		const hrefs = await v.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
		for (const href of hrefs) {
			const u = new URL(href);
			u.hash = '';
			if (u.origin !== v.origin || NOT_PAGES.test(u.pathname) || queued.has(u.href)) continue;
			queued.add(u.href);
			queue.push({ url: u.href, from: at });
		}
	}
	if (missing.length) skip(`${who}: pages linked but not built yet`, `404: ${missing.join(' ')}`);
	note(`${who}: checked ${checked.length} page(s): ${checked.join(' ')}`);
	return { checked, texts };
}
