// run: capnet's browser tests, printing TAP. Against a server on the demo data
// (tests/e2e/browser.sh starts one): the sign-in page by keyboard and without
// JavaScript, stored-XSS records, each person's journeys (journeys.mjs), then every
// page each person can reach, checked by pages.mjs. Environment:
//   CAPNET_URL       the server, e.g. http://127.0.0.1:8080 (required)
//   BROWSER_SHOTS    folder for the screenshots (default test-output/browser)
//   BROWSER_MAX_PAGES, BROWSER_PER_KIND  crawl bounds per person (40, 1)
//   CHROMIUM         the browser (default /usr/bin/chromium)

import { mkdirSync, rmSync } from 'node:fs';

import { accounts, extraPages, journeys, notBuiltYet, XSS, xssRecords } from './journeys.mjs';
import { DESKTOP, PASSWORD, Visitor, launch } from './lib.mjs';
import { checkPage, crawl, slug } from './pages.mjs';
import { check, failure, note, ok, plan, skip } from './tap.mjs';

const base = process.env.CAPNET_URL;
if (!base) {
	console.error('run.mjs: set CAPNET_URL to the server to test');
	process.exit(2);
}
const shots = process.env.BROWSER_SHOTS || 'test-output/browser';
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const crawlOpts = {
	max: Number(process.env.BROWSER_MAX_PAGES || 40),
	perKind: Number(process.env.BROWSER_PER_KIND || 1),
	notBuiltYet,
	shots,
	findings: [],
};

/* The sign-in page for nobody: its checks, and a wrong password answered beside the
 * field with the address kept. */
async function publicPages(browser) {
	const v = await Visitor.open(browser, base);
	await crawl(v, 'public', ['/signin', '/'], { ...crawlOpts, notBuiltYet: [] });
	await check('a wrong password is refused beside the email field, the address kept', async () => {
		await v.go('/signin');
		await v.fill('Email address', accounts.member.email);
		await v.fill('Password', 'not-the-password');
		const [res] = await Promise.all([
			v.page.waitForResponse((r) => r.request().method() === 'POST'),
			v.page.getByRole('button', { name: 'Sign in' }).click(),
		]);
		await v.page.waitForLoadState('load');
		if (res.status() !== 401) throw failure(`the sign-in answered ${res.status()}, wanted 401`);
		await v.see('The email address or the password is not right.', 'form');
		const email = v.page.locator('#email');
		if ((await email.inputValue()) !== accounts.member.email) throw failure('the email address was not kept');
		if ((await email.getAttribute('aria-invalid')) !== 'true') throw failure('the email field is not marked invalid');
		await checkPage(v, '/signin', res, 'public-error', shots, crawlOpts.findings);
	});
	await v.close();
}

/* Where the keyboard focus is, and whether it shows. */
function focused(page) {
	return page.evaluate(() => {
		const e = document.activeElement;
		const st = getComputedStyle(e);
		const r = e.getBoundingClientRect();
		return {
			what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''} "${(e.innerText || e.name || '').trim().slice(0, 30)}"`,
			id: e.id,
			skip: e.matches('a.skip'),
			submit: e.matches('button[type=submit]') && e.closest('form[action="/signin"]') !== null,
			ring: e.matches(':focus-visible') && ((st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none'),
			onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
		};
	});
}

async function keyboard(browser) {
	const v = await Visitor.open(browser, base);
	await v.go('/signin');
	const order = [];
	for (let i = 0; i < 8; i++) {
		await v.page.keyboard.press('Tab');
		order.push(await focused(v.page));
	}
	const seq = order.map((f) => f.what);
	ok(order[0].skip && order[0].onScreen, 'keyboard: the first Tab on the sign-in page reaches the skip link, shown on screen', seq);
	const at = (pred) => order.findIndex(pred);
	const email = at((f) => f.id === 'email');
	const password = at((f) => f.id === 'password');
	const submit = at((f) => f.submit);
	ok(email > 0 && password > email && submit > password, 'keyboard: Tab then reaches the email field, the password field and the Sign in button, in that order', seq);
	const stops = [order[0], order[email], order[password], order[submit]].filter(Boolean);
	ok(stops.length === 4 && stops.every((f) => f.ring), 'keyboard: each of them shows a focus ring (outline or box-shadow on :focus-visible)', stops.map((f) => `${f.what}: ${f.ring ? 'ring' : 'NO RING'}`));

	await check('keyboard: Enter on the skip link moves the focus to the main content', async () => {
		await v.go('/signin');
		await v.page.keyboard.press('Tab');
		await v.page.keyboard.press('Enter');
		const f = await focused(v.page);
		if (f.id !== 'main') throw failure(`the focus went to ${f.what}`);
	});
	await check('keyboard: signing in with the keys alone (type, Tab, type, Enter) opens the dashboard', async () => {
		await v.go('/signin');
		await v.page.locator('#email').focus();
		await v.page.keyboard.type(accounts.member.email);
		await v.page.keyboard.press('Tab');
		await v.page.keyboard.type(PASSWORD);
		await v.page.keyboard.press('Enter');
		await v.page.waitForURL(/\/dashboard$/);
		await v.see('Welcome, Marcus', 'h1');
	});
	await v.close();
}

async function withoutJavaScript(browser) {
	const v = await Visitor.open(browser, base, { account: accounts.district_lead, javaScript: false });
	const steps = [
		['without JavaScript: the sign-in page shows its form', async () => {
			await v.go('/signin');
			await v.see('Sign in to capnet', 'h1');
		}],
		['without JavaScript: signing in through the form opens the dashboard', () => v.signIn()],
		['without JavaScript: the dashboard lists her network and next meetings', async () => {
			await v.see('Welcome, Dana', 'h1');
			await v.seeLink('Green River Mathematics Leadership Network');
			await v.see('Next meetings');
		}],
		['without JavaScript: Sign out works', () => v.signOut()],
	];
	let failed = false;
	for (const [name, fn] of steps) {
		if (failed) skip(name, 'an earlier step failed');
		else failed = !(await check(name, fn));
	}
	await v.close();
}

/* Makes the stored-XSS records as the admin; returns them. */
async function makeXssRecords(browser) {
	const v = await Visitor.open(browser, base, { account: accounts.admin });
	const made = [];
	if (!(await check('XSS: the admin signs in to make records with script payloads', () => v.signIn()))) {
		await v.close();
		return made;
	}
	for (const r of xssRecords) {
		let rec = null;
		await check(`XSS: made ${r.what}`, async () => {
			rec = await r.make(v, made);
		});
		made.push(rec);
	}
	await v.close();
	return made;
}

async function runJourneys(browser) {
	for (const j of journeys) {
		const account = accounts[j.as];
		const v = await Visitor.open(browser, base, { account });
		let failed = false;
		for (const s of j.steps) {
			const name = `${j.as}: ${j.title}: ${s.name}`;
			if (failed) skip(name, 'an earlier step of this journey failed');
			else failed = !(await check(name, () => s.run(v)));
		}
		if (failed) await v.page.screenshot({ path: `${shots}/failed-${j.as}-${slug(j.title)}.png`, fullPage: true }).catch(() => {});
		await v.close();
	}
}

/* Every page each person reaches, BROWSER_JOBS people at a time (2); returns Map
 * "who path" -> visible text. */
async function allPages(browser) {
	const texts = new Map();
	const people = Object.entries(accounts);
	const jobs = Math.max(1, Number(process.env.BROWSER_JOBS || 2));
	const worker = async () => {
		for (let next = people.shift(); next; next = people.shift()) await visitAll(browser, ...next, texts);
	};
	await Promise.all(Array.from({ length: jobs }, worker));
	return texts;
}

async function visitAll(browser, who, account, texts) {
	const v = await Visitor.open(browser, base, { account, viewport: DESKTOP });
	if (await check(`${who}: signs in to visit every page linked`, () => v.signIn())) {
		const seen = await crawl(v, who, ['/dashboard'], crawlOpts);
		for (const [path, text] of seen.texts) texts.set(`${who} ${path}`, text);
		for (const x of extraPages.filter((e) => e.as === who)) {
			let res = null;
			const loaded = await check(`${who} ${x.path} answers ${x.status}`, async () => {
				res = await v.go(x.path, x.status);
			});
			if (loaded) texts.set(`${who} ${x.path}`, await checkPage(v, x.path, res, who, shots, crawlOpts.findings));
		}
	}
	await v.close();
}

/* The payloads read as text where the records are shown. */
async function xssShown(browser, made, texts) {
	const v = await Visitor.open(browser, base, { account: accounts.admin });
	await v.signIn().catch(() => {});
	for (let i = 0; i < xssRecords.length; i++) {
		if (!made[i]) continue;
		for (const path of xssRecords[i].shownOn(made[i])) {
			await check(`XSS: ${path} shows the payloads of ${xssRecords[i].what.split(',')[0]} as text, and runs none`, async () => {
				await v.go(path);
				await v.see(XSS, 'body');
				const ran = await v.page.evaluate(() => window.__xss);
				if (ran !== undefined || v.dialogs.length) throw failure(`a payload ran: window.__xss = ${ran}`, v.dialogs);
			});
		}
	}
	await v.close();
	const where = [...texts].filter(([, t]) => t.includes(XSS)).map(([k]) => k);
	note(`the payloads were shown as text on ${where.length} page(s): ${where.join(', ')}`);
}

function summary() {
	const byRule = new Map();
	for (const f of crawlOpts.findings) {
		const e = byRule.get(f.id) || { impact: f.impact, pages: new Set(), help: f.helpUrl };
		e.pages.add(`${f.who} ${f.path}`);
		byRule.set(f.id, e);
	}
	if (byRule.size === 0) note('axe-core: no violations on any page');
	for (const [id, e] of byRule) note(`axe-core: ${id} (${e.impact}) on ${e.pages.size} page(s) - ${e.help}`);
	note(`screenshots: ${shots}`);
}

const started = Date.now();
let browser;
try {
	browser = await launch();
} catch (err) {
	ok(false, 'Chromium starts headless', [err.message.split('\n').slice(0, 5).join('\n')]);
	process.exit(plan() ? 1 : 0);
}
ok(true, `Chromium ${browser.version()} starts headless`);
try {
	await publicPages(browser);
	await keyboard(browser);
	await withoutJavaScript(browser);
	const made = await makeXssRecords(browser);
	await runJourneys(browser);
	const texts = await allPages(browser);
	await xssShown(browser, made, texts);
	summary();
} catch (err) {
	ok(false, 'the browser tests ran to the end', [err.stack || String(err)]);
} finally {
	await browser.close();
}
note(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(plan() ? 1 : 0);
