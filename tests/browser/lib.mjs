// lib: what the browser tests share: starting Debian's Chromium through playwright-core,
// a Visitor (one person in one browser context, signed in through the form) with the
// verbs journeys are written in, and the step helpers journeys.mjs uses.

import { chromium } from 'playwright-core';

import { failure } from './tap.mjs';

export const PASSWORD = 'capnet-demo-2026';

/* Text that would run as script if a page wrote it unescaped. Both set window.__xss,
 * which every page visit checks. */
export const PAYLOADS = [
	'<script>window.__xss=1</script>',
	'"><img src=x onerror="window.__xss=1">',
];

/* Chromium as Debian installs it, headless, with no network of its own: without the
 * background-networking flags it tries Google's hosts at every start. Playwright gives
 * each launch a new empty profile folder (--user-data-dir) and removes it at close. */
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		chromiumSandbox: false,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		timeout: 60000,
	});
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/* One person (or nobody) in a fresh browser context. The context bypasses the
 * server's Content-Security-Policy so that an unescaped script payload would run and
 * be caught: the tests check the escaping, not the policy that backs it up. */
export class Visitor {
	static async open(browser, base, { account = null, javaScript = true, viewport = DESKTOP } = {}) {
		const v = new Visitor();
		v.base = base;
		v.origin = new URL(base).origin;
		v.account = account;
		v.context = await browser.newContext({
			viewport,
			javaScriptEnabled: javaScript,
			bypassCSP: true,
			locale: 'en-US',
			timezoneId: 'America/New_York',
		});
		v.context.setDefaultTimeout(15000);
		v.page = await v.context.newPage();
		v.foreign = []; /* requests that left our origin */
		v.dialogs = []; /* alert() and friends */
		v.page.on('request', (rq) => {
			const url = rq.url();
			if (url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:'))
				return;
			if (new URL(url).origin !== v.origin) v.foreign.push(url);
		});
		v.page.on('dialog', (d) => {
			v.dialogs.push(`${d.type()}: ${d.message()}`);
			d.dismiss().catch(() => {});
		});
		return v;
	}

	url(path) {
		return new URL(path, this.base).href;
	}

	/* The path (and query) the page is at now. */
	here() {
		const u = new URL(this.page.url());
		return u.pathname + u.search;
	}

	/* GET path in the page; throws unless it answers status. Returns the response. */
	async go(path, status = 200) {
		const res = await this.page.goto(this.url(path));
		if (res === null || res.status() !== status)
			throw failure(`GET ${path} answered ${res ? res.status() : 'nothing'}, wanted ${status}`, [
				`at: ${this.page.url()}`,
			]);
		return res;
	}

	/* Throws unless the element matched by selector (default main) shows text. */
	async see(text, selector = 'main') {
		const el = this.page.locator(selector).first();
		const shown = (await el.count()) ? await el.innerText() : '';
		if (!shown.includes(text))
			throw failure(`${selector} does not show "${text}" on ${this.here()}`, [
				`${selector} shows: ${shown.slice(0, 600)}`,
			]);
	}

	/* Throws unless a link named text is in selector; returns its href. */
	async seeLink(text, selector = 'main') {
		const link = this.page.locator(selector).getByRole('link', { name: text, exact: true });
		if ((await link.count()) === 0)
			throw failure(`no link "${text}" in ${selector} on ${this.here()}`);
		return link.first().getAttribute('href');
	}

	/* The texts of the links in selector, in page order. */
	async links(selector) {
		return this.page.locator(`${selector} a`).allInnerTexts();
	}

	/* Follows the link or presses the button named name (exact accessible name). */
	async click(name) {
		const target = this.page
			.getByRole('link', { name, exact: true })
			.or(this.page.getByRole('button', { name, exact: true }));
		if ((await target.count()) === 0) throw failure(`nothing named "${name}" to click on ${this.here()}`);
		await target.first().click();
		await this.page.waitForLoadState('load');
	}

	/* Types value into the field labelled label. */
	async fill(label, value) {
		await this.page.getByLabel(label).first().fill(value);
	}

	/* Signs in through the form as this visitor's account; throws unless the
	 * dashboard follows. */
	async signIn(password = PASSWORD) {
		await this.go('/signin');
		await this.fill('Email address', this.account.email);
		await this.fill('Password', password);
		await this.click('Sign in');
		if (this.here() !== '/dashboard')
			throw failure(`signing in as ${this.account.email} led to ${this.here()}`, [
				(await this.page.locator('main').innerText()).slice(0, 400),
			]);
	}

	/* Presses Sign out; throws unless the sign-in page follows and the dashboard is
	 * then closed to this browser. */
	async signOut() {
		await this.click('Sign out');
		if (!this.here().startsWith('/signin')) throw failure(`signing out led to ${this.here()}`);
		await this.page.goto(this.url('/dashboard'));
		if (!this.here().startsWith('/signin'))
			throw failure(`after signing out, /dashboard showed ${this.here()} instead of the sign-in page`);
	}

	/* A JSON API request with this browser's session cookie (and its CSRF token for
	 * writes). Returns the parsed answer; throws unless it is 2xx. */
	async api(method, path, body = undefined, headers = {}) {
		const rq = this.context.request;
		if (method !== 'GET' && this.csrf === undefined) {
			const s = await rq.get(this.url('/api/v1/session'));
			this.csrf = (await s.json()).csrf_token;
		}
		const res = await rq.fetch(this.url(path), {
			method,
			headers: { ...(method !== 'GET' ? { 'X-CSRF-Token': this.csrf } : {}), ...headers },
			data: body,
		});
		const text = await res.text();
		if (!res.ok()) throw failure(`${method} ${path} answered ${res.status()}`, [text.slice(0, 600)]);
		return text ? JSON.parse(text) : null;
	}

	/* The signed-in person's record, from the API. */
	async me() {
		if (this.person === undefined) this.person = (await this.api('GET', '/api/v1/session')).person;
		return this.person;
	}

	async close() {
		await this.context.close();
	}
}

/* Steps: a journey is a list of { name, run(v) }; run throws to fail. */
export function step(name, run) {
	return { name, run };
}

export function signIn() {
	return step('signs in through the form', (v) => v.signIn());
}

export function signOut() {
	return step('signs out, and the dashboard is closed to the browser', (v) => v.signOut());
}

/* The dashboard greets the person and lists, under "My networks" (or "All networks"
 * for an admin), each network named. */
export function dashboardShows(greeting, heading, networks) {
	return step(`dashboard says "${greeting}" and lists ${networks.length} network(s) under "${heading}"`, async (v) => {
		if (v.here() !== '/dashboard') await v.go('/dashboard');
		await v.see(greeting, 'h1');
		const section = `section:has(h2:text-is("${heading}"))`;
		if ((await v.page.locator(section).count()) === 0)
			throw failure(`no section headed "${heading}" on the dashboard`);
		const shown = await v.links(section);
		for (const n of networks)
			if (!shown.includes(n))
				throw failure(`"${heading}" lacks ${n}`, [`it lists: ${shown.join(' | ') || '(nothing)'}`]);
		if (shown.length !== networks.length)
			throw failure(`"${heading}" lists ${shown.length} networks, wanted ${networks.length}`, [
				`it lists: ${shown.join(' | ')}`,
			]);
	});
}

/* The dashboard's "Next meetings" lists, for each of the person's networks in turn, its
 * two soonest meetings from today on, as the JSON API tells them to the same person. */
export function nextMeetingsShown() {
	return step('dashboard lists the next meetings of each of my networks, soonest first', async (v) => {
		if (v.here() !== '/dashboard') await v.go('/dashboard');
		const me = await v.me();
		const roles = (await v.api('GET', '/api/v1/session')).roles || [];
		const admin = roles.some((r) => r.role === 'admin');
		const nets = await v.api('GET', admin ? '/api/v1/networks?limit=50' : `/api/v1/networks?person_id=${me.id}&limit=50`);
		const today = new Date().toISOString().slice(0, 10);
		const want = [];
		for (const n of nets.items) {
			const m = await v.api('GET', `/api/v1/meetings?network_id=${n.id}&from=${today}&limit=1000`);
			m.items.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id - b.id);
			for (const x of m.items.slice(0, 2)) want.push(`/meetings/${x.id}`);
		}
		const section = 'section:has(h2:text-is("Next meetings"))';
		const got = await v.page.locator(`${section} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		if (JSON.stringify(got) !== JSON.stringify(want))
			throw failure('the next meetings differ from what the API says', [
				`shown:  ${got.join(' ') || '(none)'}`,
				`wanted: ${want.join(' ') || '(none)'}`,
			]);
		if (want.length === 0) await v.see('No meetings are scheduled', section);
	});
}
