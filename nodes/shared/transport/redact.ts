/**
 * Removes secrets from text that may reach a user: error messages, descriptions, logs.
 * OpenAI echoes a masked key in 401 messages ("Incorrect API key provided: sk-pro***0001");
 * even masked, a key has no place in an n8n execution log.
 */
const KEY_LIKE = /\bsk-[A-Za-z0-9_\-*.…]{2,}/g;
const BEARER = /\b(Bearer)\s+[^\s"',]+/gi;
/** Our own hints name key kinds by prefix ("sk-admin-…"): no secret in that. */
const KEY_PREFIX_ONLY = /^sk-(?:admin-|proj-|svcacct-)?(?:…|\.\.\.)?$/;

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	}
	return out
		.replace(KEY_LIKE, (token) => (KEY_PREFIX_ONLY.test(token) ? token : 'sk-…[redacted]'))
		.replace(BEARER, '$1 [redacted]');
}
