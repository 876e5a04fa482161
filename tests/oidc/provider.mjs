// A real OpenID Connect provider for capnet's single sign-on tests: npm's
// oidc-provider (OpenID Certified) on 127.0.0.1, with its own login and consent pages.
//
//   node provider.mjs --port P --redirect URI --keys FILE [--rotate]
//
// Accounts (log in with the account's name; any password):
//   jane   jane@tradewater.kyschools.us, verified: not in capnet until she signs in
//   uma    uma@tradewater.kyschools.us, NOT verified
//   dana   the address given by --dana (an existing capnet person), verified
// The client is "capnet" with secret "capnet-test-secret", PKCE required.
//
// Keys: FILE holds the private signing key (JWK); made when missing. --rotate makes a
// new key with a new kid in FILE before starting: the provider then signs with a key
// capnet has not seen, as after a key rotation.
//
// For the refusals that a well-behaved provider never causes, POST /__test/mode with
// body "tamper" (the next ID token has its payload changed under the same signature),
// "wrong-aud" (re-signed for another audience), "expired" (re-signed, expired an hour
// ago) or "none"; the mode applies to the next token answer only.
// Prints "listening URL" when ready.
import { generateKeyPairSync, createSign, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const arg = (name, def) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg('port', '0'));
const redirect = arg('redirect');
const keysFile = arg('keys');
const dana = arg('dana', 'dana@example.org');
if (!port || !redirect || !keysFile) {
	console.error('usage: node provider.mjs --port P --redirect URI --keys FILE [--rotate] [--dana EMAIL]');
	process.exit(2);
}

if (!existsSync(keysFile) || process.argv.includes('--rotate')) {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
	writeFileSync(keysFile, JSON.stringify(jwk));
}
const key = JSON.parse(readFileSync(keysFile, 'utf8'));

const accounts = {
	jane: { email: 'jane@tradewater.kyschools.us', email_verified: true, given_name: 'Jane', family_name: 'Doe' },
	uma: { email: 'uma@tradewater.kyschools.us', email_verified: false, given_name: 'Uma', family_name: 'Unverified' },
	dana: { email: dana, email_verified: true, given_name: 'Dana', family_name: 'Existing' },
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
	clients: [
		{
			client_id: 'capnet',
			client_secret: 'capnet-test-secret',
			redirect_uris: [redirect],
			token_endpoint_auth_method: 'client_secret_post',
			grant_types: ['authorization_code'],
			response_types: ['code'],
		},
	],
	jwks: { keys: [key] },
	pkce: { required: () => true },
	claims: {
		openid: ['sub'],
		email: ['email', 'email_verified'],
		profile: ['given_name', 'family_name', 'name'],
	},
	// The claims in the ID token itself, as Google and Entra send them.
	conformIdTokenClaims: false,
	async findAccount(ctx, id) {
		const a = accounts[id];
		if (!a) return undefined;
		return {
			accountId: id,
			async claims() {
				return { sub: id, name: `${a.given_name} ${a.family_name}`, ...a };
			},
		};
	},
	cookies: { keys: ['capnet-test-cookie-key'] },
	features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

// A JWS with header and claims, signed RS256 with the provider's own key.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(header, claims) {
	const input = `${b64(header)}.${b64(claims)}`;
	const s = createSign('RSA-SHA256').update(input).sign({ key, format: 'jwk' });
	return `${input}.${s.toString('base64url')}`;
}

let mode = 'none';
provider.use(async (ctx, next) => {
	if (ctx.path === '/__test/mode' && ctx.method === 'POST') {
		const chunks = [];
		for await (const c of ctx.req) chunks.push(c);
		mode = Buffer.concat(chunks).toString().trim() || 'none';
		ctx.body = { mode };
		return;
	}
	await next();
	if (ctx.path !== '/token' || mode === 'none' || !ctx.body || !ctx.body.id_token) return;
	const [h, p, s] = ctx.body.id_token.split('.');
	const header = JSON.parse(Buffer.from(h, 'base64url'));
	const claims = JSON.parse(Buffer.from(p, 'base64url'));
	if (mode === 'tamper') {
		claims.email = 'someone.else@tradewater.kyschools.us';
		ctx.body = { ...ctx.body, id_token: `${h}.${b64(claims)}.${s}` };
	} else if (mode === 'wrong-aud') {
		ctx.body = { ...ctx.body, id_token: sign(header, { ...claims, aud: 'another-app', azp: 'another-app' }) };
	} else if (mode === 'expired') {
		const now = Math.floor(Date.now() / 1000);
		ctx.body = { ...ctx.body, id_token: sign(header, { ...claims, iat: now - 7200, exp: now - 3600 }) };
	}
	mode = 'none';
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
