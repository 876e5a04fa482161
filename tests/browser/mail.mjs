// mail: reading what capnet mailed to the test mail server (tests/smtp_sink.py), which
// tests/e2e/browser.sh runs and names in MAIL_DIR: each message is NNNN.eml with its
// envelope's recipients in NNNN.rcpt.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { failure } from './tap.mjs';

/* The plain-text part of a message (base64, as capnet sends it), decoded. */
function plainText(eml) {
	const at = eml.indexOf('Content-Type: text/plain');
	if (at < 0) return '';
	const start = eml.indexOf('\r\n\r\n', at) + 4;
	const end = eml.indexOf('\r\n--', start);
	return Buffer.from(eml.slice(start, end).replace(/\r\n/g, ''), 'base64').toString('utf8');
}

/* Waits up to 20 s for the count-th message to address (the newest when more) and
 * returns the first link in it that starts with base. */
export async function mailedLink(address, base, count = 1) {
	const dir = process.env.MAIL_DIR;
	if (!dir) throw failure('MAIL_DIR is not set: run the browser tests through tests/e2e/browser.sh');
	for (let waited = 0; waited < 100; waited++) {
		const mine = readdirSync(dir)
			.filter((f) => f.endsWith('.rcpt'))
			.sort()
			.filter((f) => readFileSync(join(dir, f), 'utf8').split('\n').includes(address));
		if (mine.length >= count) {
			const text = plainText(readFileSync(join(dir, mine[mine.length - 1].replace('.rcpt', '.eml')), 'latin1'));
			const link = text.split('\n').find((l) => l.startsWith(base));
			if (!link) throw failure(`the message to ${address} has no link to ${base}`, [text]);
			return link.trim();
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw failure(`no message to ${address} arrived within 20 seconds`);
}
