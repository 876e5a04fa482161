// Single sign-on in Chromium, against a real OpenID Connect provider (provider.mjs,
// started and stopped here) and a running capnet (tests/e2e/sso.sh sets it up).
// Prints TAP lines. Environment:
//   CAPNET_URL        the capnet server (its site.base_url must be CAPNET_URL/)
//   CAPNET_URL2       a second capnet process on the same database
//   OIDC_PORT         a free port for the provider on 127.0.0.1
//   OIDC_DIR          a folder for the provider's key file and log
//   ADMIN_EMAIL, ADMIN_PASSWORD   an admin who signs in with a password
//   ADMIN_TOKEN       the admin's bearer token (to switch a person off)
//   DANA_EMAIL        a person already in capnet (the provider's account "dana")
//   CHROMIUM          default /usr/bin/chromium
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { chromium } from 'playwright-core';

const env = process.env;
const capnet = env.CAPNET_URL;
const port = Number(env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const dir = env.OIDC_DIR;
const BUTTON = 'Sign in with Tradewater';
let n = 0;
let failed = 0;

function tap(ok, name, lines = []) {
	n++;
	console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (!ok) failed++;
	for (const l of lines) console.log(`# ${String(l).replace(/\n/g, '\n# ')}`);
}

async function step(name, fn) {
	try {
		await fn();
		tap(true, name);
		return true;
	} catch (e) {
		tap(false, name, [e.message]);
		return false;
	}
}

// The provider, (re)started; rotate makes it sign with a new key.
let prov = null;
async function providerStart(rotate = false) {
	const log = openSync(`${dir}/provider.log`, 'a');
	const args = [new URL('./provider.mjs', import.meta.url).pathname, '--port', String(port),
		'--redirect', `${capnet}/sso/callback`, '--keys', `${dir}/keys.json`, '--dana', env.DANA_EMAIL];
	if (rotate) args.push('--rotate');
	prov = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', log] });
	await new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('the provider did not start in 15 s')), 15000);
		prov.stdout.on('data', (d) => {
			if (String(d).includes('listening')) {
				clearTimeout(t);
				resolve();
			}
		});
		prov.on('exit', (code) => reject(new Error(`the provider exited (${code}); see ${dir}/provider.log`)));
	});
}
async function providerStop() {
	if (!prov) return;
	const p = prov;
	prov = null;
	const done = new Promise((r) => p.on('exit', r));
	p.kill('SIGTERM');
	await done;
}
async function providerMode(mode) {
	const r = await fetch(`${issuer}/__test/mode`, { method: 'POST', body: mode });
	if (!r.ok) throw new Error(`setting the provider's mode answered ${r.status}`);
}

const browser = await chromium.launch({ executablePath: env.CHROMIUM || '/usr/bin/chromium', headless: true });

async function fresh() {
	const ctx = await browser.newContext();
	// The provider's page imports a web font; nothing leaves this machine.
	await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	return { ctx, page };
}

async function see(page, text) {
	const body = await page.locator('body').innerText();
	if (!body.includes(text))
		throw new Error(`the page at ${page.url()} does not say "${text}"; it says:\n${body.slice(0, 600)}`);
}

// From capnet's sign-in page through the provider's own login (and consent) pages, as
// login; returns where the browser ended and the callback address it was sent to.
async function viaProvider(login, { cancel = false, start = capnet } = {}) {
	const { ctx, page } = await fresh();
	let callback = null;
	page.on('request', (r) => {
		if (r.url().startsWith(`${capnet}/sso/callback`)) callback = r.url();
	});
	await page.goto(`${start}/signin`);
	await page.getByRole('button', { name: BUTTON, exact: true }).click();
	await page.waitForURL((u) => u.href.startsWith(issuer));
	if (cancel) {
		await page.getByRole('link', { name: '[ Cancel ]' }).click();
	} else {
		await page.locator('input[name=login]').fill(login);
		await page.locator('input[name=password]').fill('any password');
		await page.getByRole('button', { name: 'Sign-in' }).click();
		// The provider asks for consent the first time only.
		const cont = page.getByRole('button', { name: 'Continue' });
		await Promise.race([page.waitForURL((u) => u.href.startsWith(capnet)), cont.waitFor()]);
		if (!page.url().startsWith(capnet)) await cont.click();
	}
	await page.waitForURL((u) => u.href.startsWith(capnet));
	await page.waitForLoadState();
	return { ctx, page, callback };
}

async function signedInAs(page, name) {
	if (!new URL(page.url()).pathname.startsWith('/dashboard'))
		throw new Error(`ended at ${page.url()}, not the dashboard:\n${(await page.locator('body').innerText()).slice(0, 600)}`);
	const me = await page.request.get(`${capnet}/api/v1/session`);
	const j = await me.json();
	const who = JSON.stringify(j);
	if (!who.includes(name)) throw new Error(`signed in, but as ${who.slice(0, 300)}`);
}

try {
	if (!(await step('the provider starts on 127.0.0.1', () => providerStart()))) throw new Error('no provider');

	await step('an admin connects the provider on the admin page', async () => {
		const { ctx, page } = await fresh();
		await page.goto(`${capnet}/signin`);
		await page.getByLabel('Email address').fill(env.ADMIN_EMAIL);
		await page.getByLabel('Password').fill(env.ADMIN_PASSWORD);
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		await page.waitForURL(/\/dashboard/);
		await page.goto(`${capnet}/admin`);
		await page.getByRole('link', { name: 'Sign-in providers' }).click();
		await see(page, `${capnet}/sso/callback`);
		await page.getByLabel('Name on the sign-in button').fill(BUTTON);
		await page.getByLabel('Issuer').fill(issuer);
		await page.getByLabel('Client id').fill('capnet');
		await page.getByLabel('Client secret').fill('capnet-test-secret');
		await page.getByLabel('Email domains and their districts').fill('tradewater.kyschools.us = Tradewater County');
		await page.getByLabel(/Make a person of these domains/).check();
		await page.getByRole('button', { name: 'Connect the provider' }).click();
		await see(page, 'The provider was connected.');
		await see(page, 'tradewater.kyschools.us: Tradewater County');
		await ctx.close();
	});

	await step('the sign-in page offers the provider beside the password', async () => {
		const { ctx, page } = await fresh();
		await page.goto(`${capnet}/signin`);
		if (!(await page.getByRole('button', { name: BUTTON, exact: true }).count()))
			throw new Error(`no "${BUTTON}" button on the sign-in page`);
		if (!(await page.getByLabel('Password').count())) throw new Error('the password field is gone');
		await ctx.close();
	});

	let replay = null;
	await step('first sign-in through the provider\'s login page makes Jane a member and reaches the dashboard', async () => {
		const { ctx, page, callback } = await viaProvider('jane');
		replay = callback;
		await signedInAs(page, 'jane@tradewater.kyschools.us');
		await ctx.close();
	});

	await step('the same callback address used again (a replayed state) is refused', async () => {
		if (!replay) throw new Error('no callback address was seen');
		const { ctx, page } = await fresh();
		const r = await page.goto(replay);
		if (r.status() !== 401) throw new Error(`answered ${r.status()}, not 401`);
		await see(page, 'has been used already');
		await see(page, 'Back to the sign-in page');
		await ctx.close();
	});

	await step('Jane signs in again, found by her provider account', async () => {
		const { ctx, page } = await viaProvider('jane');
		await signedInAs(page, 'jane@tradewater.kyschools.us');
		await ctx.close();
	});

	await step('a sign-in begun on one capnet process ends on another (the flow is in the database)', async () => {
		if (!env.CAPNET_URL2) throw new Error('no second capnet process (CAPNET_URL2)');
		const { ctx, page, callback } = await viaProvider('jane', { start: env.CAPNET_URL2 });
		if (!callback) throw new Error('the provider did not send the browser to the first process');
		await signedInAs(page, 'jane@tradewater.kyschools.us');
		await ctx.close();
	});

	await step('an unverified email is refused with whom to ask', async () => {
		const { ctx, page } = await viaProvider('uma');
		await see(page, 'has not verified the email address uma@tradewater.kyschools.us');
		await see(page, 'Ann Admin');
		await ctx.close();
	});

	await step('a person already in capnet is linked by verified email', async () => {
		const { ctx, page } = await viaProvider('dana');
		await signedInAs(page, env.DANA_EMAIL);
		await ctx.close();
	});

	await step('a refused consent (Cancel at the provider) ends on a page saying so', async () => {
		const { ctx, page } = await viaProvider('jane', { cancel: true });
		await see(page, 'the sign-in was cancelled');
		await ctx.close();
	});

	for (const [mode, name] of [
		['tamper', 'a tampered ID token'],
		['wrong-aud', 'an ID token for another audience'],
		['expired', 'an expired ID token'],
	]) {
		await step(`${name} is refused`, async () => {
			await providerMode(mode);
			const { ctx, page } = await viaProvider('jane');
			await see(page, 'could not be trusted, so you are not signed in');
			if (new URL(page.url()).pathname.startsWith('/dashboard')) throw new Error('signed in anyway');
			await ctx.close();
		});
	}

	await step('after the provider rotates its keys, sign-in follows the new key', async () => {
		await providerStop();
		await providerStart(true);
		const { ctx, page } = await viaProvider('jane');
		await signedInAs(page, 'jane@tradewater.kyschools.us');
		await ctx.close();
	});

	await step('a person switched off cannot sign in through the provider', async () => {
		const h = { Authorization: `Bearer ${env.ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
		const list = await (await fetch(`${capnet}/api/v1/people?limit=1000`, { headers: h })).json();
		const dana = list.items.find((p) => p.email === env.DANA_EMAIL);
		const r = await fetch(`${capnet}/api/v1/people/${dana.id}`, {
			method: 'PATCH', headers: { ...h, 'If-Match': '*' }, body: JSON.stringify({ active: false }),
		});
		if (!r.ok) throw new Error(`switching Dana off answered ${r.status}: ${await r.text()}`);
		const { ctx, page } = await viaProvider('dana');
		await see(page, 'is switched off');
		await ctx.close();
	});

	await step('the provider unreachable: the button ends on a page saying so', async () => {
		await providerStop();
		const { ctx, page } = await fresh();
		await page.goto(`${capnet}/signin`);
		await page.getByRole('button', { name: BUTTON, exact: true }).click();
		await page.waitForLoadState();
		await see(page, 'cannot be reached right now');
		await ctx.close();
	});
} catch (e) {
	tap(false, 'the journey ran to its end', [e.stack]);
} finally {
	await providerStop();
	await browser.close();
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
}
