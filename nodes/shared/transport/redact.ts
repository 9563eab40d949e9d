/**
 * Removes secrets from text that may reach a user: error messages, descriptions, logs.
 * OpenAI echoes a masked key in 401 messages ("Incorrect API key provided: sk-pro***0001");
 * even masked, a key has no place in an n8n execution log. Secrets are removed by value (the
 * credential's key — gateways issue keys without the `sk-` prefix — and a Base URL's password),
 * key-like tokens by form, and every Bearer value.
 */
/** A key: `sk-` then key characters; dots and ellipses only between key characters (so a full stop after a key stays). */
const KEY_LIKE = /\bsk-[A-Za-z0-9_\-*]+(?:(?:\.{1,3}|…)[A-Za-z0-9_\-*]+)*(?:…|\.\.\.)?/g;
const BEARER = /\b(Bearer)\s+[^\s"',]+/gi;
/** Our own hints name key kinds by prefix ("sk-admin-…"): no secret in that. */
const KEY_PREFIX_ONLY = /^sk-(?:admin-|proj-|svcacct-)?(?:…|\.\.\.)?$/;
export const REDACTED = '[redacted]';

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
	}
	return out
		.replace(KEY_LIKE, (token) => (KEY_PREFIX_ONLY.test(token) ? token : `sk-…${REDACTED}`))
		.replace(BEARER, `$1 ${REDACTED}`);
}

/**
 * Redacts every string reachable from `value` in place (own enumerable and non-enumerable string
 * properties of objects and errors, array entries, `cause` chains), so that no field of an error —
 * message, description, context, the stored error body, the stack — carries a secret. Cycles and
 * depth are bounded. Returns the value for chaining.
 */
export function redactDeep<T>(value: T, secrets: readonly string[], depth = 0, seen = new WeakSet<object>()): T {
	if (typeof value !== 'object' || value === null || depth > 8 || seen.has(value)) return value;
	seen.add(value);
	const target = value as Record<string | symbol, unknown>;
	for (const name of Object.getOwnPropertyNames(target)) {
		if (name === 'node') continue; // the n8n node definition: parameters, no answers
		const descriptor = Object.getOwnPropertyDescriptor(target, name);
		if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
		const field = descriptor.value;
		if (typeof field === 'string') {
			const clean = redactSecrets(field, secrets);
			if (clean !== field) target[name] = clean;
		} else if (typeof field === 'object' && field !== null) {
			redactDeep(field, secrets, depth + 1, seen);
		}
	}
	return value;
}
