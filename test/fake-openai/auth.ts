import type { IncomingHttpHeaders } from 'node:http';

import {
	invalidApiKey,
	mismatchedOrganization,
	mismatchedProject,
	missingApiKey,
	missingScope,
} from './errors';
import type { KeyRecord, KeyRegistry } from './keys';

/** What a route requires: a project/user API key, or an admin key with a scope. */
export type RouteAuth = { kind: 'api' } | { kind: 'admin'; scope: string };

/**
 * The bearer token of a request: `Authorization: Bearer <key>`, or Basic auth with a blank
 * user name and the key as password (which the real API also accepts). Null when absent.
 */
export function readApiKey(headers: IncomingHttpHeaders): string | null {
	const header = headers.authorization;
	if (typeof header !== 'string') return null;
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
	if (bearer) return bearer[1];
	const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const password = decoded.startsWith(':') ? decoded.slice(1) : '';
		return password === '' ? null : password;
	}
	return null;
}

/**
 * Checks the key against the route like the real API:
 * - no key: 401 "You didn't provide an API key..."
 * - unknown/revoked key, or an admin key on a non-admin endpoint: 401 invalid_api_key (masked key)
 * - an API key, or an admin key without the scope, on an admin endpoint: 403 "Missing scopes: ..."
 * - OpenAI-Organization / OpenAI-Project headers that don't match the key: 401
 */
export function authorize(
	registry: KeyRegistry,
	apiKey: string | null,
	headers: IncomingHttpHeaders,
	auth: RouteAuth,
	organizationId: string,
): KeyRecord {
	if (apiKey === null) throw missingApiKey();
	const record = registry.get(apiKey);
	if (!record || record.revoked) throw invalidApiKey(apiKey);
	if (auth.kind === 'api' && record.kind === 'admin') throw invalidApiKey(apiKey);
	if (auth.kind === 'admin' && !record.scopes.includes(auth.scope)) throw missingScope(auth.scope);
	const organization = headerValue(headers, 'openai-organization');
	if (organization !== undefined && organization !== organizationId) throw mismatchedOrganization();
	const project = headerValue(headers, 'openai-project');
	if (project !== undefined && record.kind === 'api' && project !== record.projectId) throw mismatchedProject();
	return record;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text.trim() === '' ? undefined : text.trim();
}
