/** Credential type names of this package, and what the transport needs to know about each. */
export const PLATFORM_CREDENTIAL = 'openAiPlatformApi';
export const ADMIN_CREDENTIAL = 'openAiAdminApi';
export type CredentialTypeName = typeof PLATFORM_CREDENTIAL | typeof ADMIN_CREDENTIAL;

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The fields a user fills in on either credential (the admin one has no project). */
export interface OpenAiCredentialData {
	apiKey?: string;
	url?: string;
	organizationId?: string;
	projectId?: string;
	allowedHttpRequestDomains?: string;
	allowedDomains?: string;
}

/**
 * What kind of key a secret looks like, read from its prefix only.
 * Used to explain errors ("this is an admin key") without ever showing the key.
 */
export type KeyKind = 'admin' | 'project' | 'serviceAccount' | 'user' | 'none' | 'unknown';

export function keyKindOf(key: unknown): KeyKind {
	if (typeof key !== 'string' || key.trim() === '') return 'none';
	const k = key.trim();
	if (k.startsWith('sk-admin-')) return 'admin';
	if (k.startsWith('sk-proj-')) return 'project';
	if (k.startsWith('sk-svcacct-')) return 'serviceAccount';
	if (k.startsWith('sk-')) return 'user';
	return 'unknown';
}

export function describeKeyKind(kind: KeyKind): string {
	switch (kind) {
		case 'admin':
			return 'an Admin key (sk-admin-…)';
		case 'project':
			return 'a project API key (sk-proj-…)';
		case 'serviceAccount':
			return 'a service-account API key (sk-svcacct-…)';
		case 'user':
			return 'a user API key (sk-…)';
		case 'none':
			return 'no key';
		default:
			return 'a key that does not look like an OpenAI key';
	}
}

/** The base URL without trailing slashes; the default when the field is empty. */
export function normaliseBaseUrl(url: unknown): string {
	const raw = typeof url === 'string' && url.trim() !== '' ? url.trim() : DEFAULT_BASE_URL;
	return raw.replace(/\/+$/, '');
}

/**
 * Checks a Base URL (already normalised): an absolute http(s) URL. Returns a problem text naming
 * the credential field, or undefined.
 */
export function baseUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The credential's Base URL "${displayUrl(url)}" is not a URL. Enter a full address such as ${DEFAULT_BASE_URL} (scheme, host and usually /v1).`;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `The credential's Base URL must start with https:// or http:// (it starts with ${parsed.protocol}//). For OpenAI use ${DEFAULT_BASE_URL}.`;
	}
	return undefined;
}

/** A URL as it may be shown: without a user name or password. */
export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (!parsed.username && !parsed.password) return url;
		parsed.username = '';
		parsed.password = '';
		return parsed.href.replace(/\/$/, url.endsWith('/') ? '/' : '');
	} catch {
		return url.replace(/\/\/[^/@\s]*@/, '//');
	}
}

/** Secrets a Base URL carries (a password or user name in its userinfo), raw and decoded. */
export function urlSecrets(url: string): string[] {
	try {
		const parsed = new URL(url);
		return [parsed.password, parsed.username].filter(Boolean).flatMap((part) => [part, safeDecode(part)]);
	} catch {
		const userinfo = /\/\/([^/@\s]*)@/.exec(url)?.[1];
		return userinfo ? userinfo.split(':').filter(Boolean) : [];
	}
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
