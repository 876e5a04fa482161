// tap: the TAP lines the browser tests print ("ok N - name", "not ok N - name" with
// "# " diagnostics), counted by tests/run like every other test's.

let count = 0;
let failures = 0;

function clean(text) {
	return String(text).replace(/[\r\n]+/g, ' ').trim();
}

function diagnostics(lines) {
	for (const line of lines.flatMap((l) => String(l).split('\n')))
		if (line.trim() !== '') console.log(`# ${line}`);
}

/* One check: passed when cond is true; diag lines explain a failure. */
export function ok(cond, name, diag = []) {
	count++;
	if (cond) {
		console.log(`ok ${count} - ${clean(name)}`);
		return true;
	}
	failures++;
	console.log(`not ok ${count} - ${clean(name)}`);
	diagnostics(diag);
	return false;
}

/* A check that could not run here, with why (counts as passed, as TAP says). */
export function skip(name, reason) {
	count++;
	console.log(`ok ${count} - ${clean(name)} # SKIP ${clean(reason)}`);
}

/* A note in the output that is not a check. */
export function note(...lines) {
	diagnostics(lines);
}

/* Runs fn as one check: passed when it returns without throwing. Returns whether it
 * passed. A thrown error's message (and the lines in err.diag) are the diagnostics. */
export async function check(name, fn) {
	try {
		await fn();
		return ok(true, name);
	} catch (err) {
		const diag = [err && err.message ? err.message : String(err)];
		if (err && Array.isArray(err.diag)) diag.push(...err.diag);
		return ok(false, name, diag);
	}
}

/* An error a step throws to fail with extra diagnostic lines. */
export function failure(message, diag = []) {
	const err = new Error(message);
	err.diag = diag;
	return err;
}

export function plan() {
	console.log(`1..${count}`);
	return failures;
}
