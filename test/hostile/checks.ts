import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HostileRequest } from './server';
import type { CapturedHttpRequest } from '../harness';

/**
 * The checks every combination is held to: the error is one of n8n's node errors and says what was
 * wrong in bounded words, and no secret appears anywhere a user, a log or another server could see.
 */

export const MAX_MESSAGE_CHARS = 500;
export const MAX_STORED_BODY_CHARS = 4 * 1024;
/** Generous: the description explains, but a whole error page must not land in it. */
export const MAX_DESCRIPTION_CHARS = 4 * 1024;

/** Text that is a JavaScript error reaching the user instead of an explanation. */
export const RAW_JS_ERROR =
	/Cannot read propert|Cannot set propert|is not a function|is not iterable|is not an object|Unexpected token|Unexpected end of JSON|Unexpected non-whitespace|JSON at position|in JSON at|undefined is not|null is not|Cannot convert|is not defined|Maximum call stack|\[object Object\]|^TypeError|^SyntaxError|^RangeError/;

/** Markup of an HTML page: a page belongs in an error only as its title. */
const HTML_MARKUP = /<(?:!doctype|html|head|body|title|meta|style|script|h1|p|div)\b/i;

const NODE_ERROR_NAMES = new Set(['NodeApiError', 'NodeOperationError']);

/** The secrets of one combination: both keys, and the Base URL's password when it has one. */
export interface Secrets {
	apiKey: string;
	adminKey: string;
	password?: string;
}

export interface Fragment {
	label: string;
	text: string;
}

/** Each secret whole, and the first and last 14 characters of its random part (a clipped or masked key is still a leak). */
export function fragmentsOf(secrets: Secrets, cores: { apiKey: string; adminKey: string; password?: string }): Fragment[] {
	const out: Fragment[] = [];
	const add = (label: string, whole: string | undefined, core: string | undefined) => {
		if (!whole || !core) return;
		out.push({ label, text: whole }, { label: `${label} (start)`, text: core.slice(0, 14) }, { label: `${label} (end)`, text: core.slice(-14) });
	};
	add('API key', secrets.apiKey, cores.apiKey);
	add('admin key', secrets.adminKey, cores.adminKey);
	add('Base URL password', secrets.password, cores.password);
	return out;
}

/**
 * Every place a fragment appears in `value`: strings, buffers, and every own property of objects
 * and errors, enumerable or not (message, stack, cause, context, errorResponse …), recursively.
 */
export function findLeaks(value: unknown, fragments: readonly Fragment[], root: string): string[] {
	const found: string[] = [];
	const seen = new WeakSet<object>();
	const visitText = (text: string, path: string) => {
		for (const fragment of fragments) {
			if (text.includes(fragment.text)) {
				found.push(`${fragment.label} in ${path}`);
				return;
			}
		}
	};
	const walk = (current: unknown, path: string, depth: number) => {
		if (found.length >= 20 || depth > 60) return;
		if (typeof current === 'string') return visitText(current, path);
		if (current === null || typeof current !== 'object') return;
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current) || current instanceof Uint8Array) {
			return visitText(Buffer.from(current.buffer, current.byteOffset, current.byteLength).toString('latin1'), path);
		}
		if (current instanceof Map) {
			for (const [key, entry] of current) {
				walk(key, `${path}<key>`, depth + 1);
				walk(entry, `${path}.${String(key)}`, depth + 1);
			}
			return;
		}
		if (current instanceof Set) {
			for (const entry of current) walk(entry, `${path}[]`, depth + 1);
			return;
		}
		for (const name of Object.getOwnPropertyNames(current)) {
			const descriptor = Object.getOwnPropertyDescriptor(current, name);
			let field: unknown;
			if (descriptor && 'value' in descriptor) field = descriptor.value;
			else if (descriptor?.get) {
				try {
					field = descriptor.get.call(current);
				} catch {
					continue;
				}
			}
			walk(field, `${path}.${name}`, depth + 1);
		}
		// An error's stack and message may live on the prototype chain's accessors only.
		if (current instanceof Error) {
			walk(current.stack, `${path}.stack`, depth + 1);
			walk(current.message, `${path}.message`, depth + 1);
			walk((current as { cause?: unknown }).cause, `${path}.cause`, depth + 1);
		}
	};
	walk(value, root, 0);
	return found;
}

/** The requests as they reached the server: the keys may only be in `Authorization`. */
export function leaksInServerRequests(requests: readonly HostileRequest[], fragments: readonly Fragment[]): string[] {
	const found: string[] = [];
	requests.forEach((request, index) => {
		const { authorization: _authorization, ...headers } = request.headers;
		const visible = { method: request.method, path: request.path, query: request.query, headers, body: request.bodyText };
		found.push(...findLeaks(visible, fragments, `request ${index} on the wire`));
	});
	return found;
}

/** The requests as n8n sent them (after `authenticate`): the keys only in `Authorization`, the password only in the URL. */
export function leaksInHarnessRequests(requests: readonly CapturedHttpRequest[], fragments: readonly Fragment[]): string[] {
	const found: string[] = [];
	requests.forEach((request, index) => {
		const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
		const visible = { method: request.method, url: request.url.replace(/\/\/[^/@]*@/, '//'), headers, qs: request.qs, body: request.body };
		found.push(...findLeaks(visible, fragments, `request ${index} as n8n sent it`));
	});
	return found;
}

/** A plain copy (as n8n stores it) or the instance of the error a run ended with. */
export interface ErrorLike {
	name?: unknown;
	message?: unknown;
	description?: unknown;
	errorResponse?: unknown;
	cause?: unknown;
	messages?: unknown;
	constructor?: { name?: string };
}

/** Why an error is not a clear, bounded node error; empty when it is. */
export function errorProblems(error: ErrorLike, expectation: { says: RegExp; saysNot?: RegExp; describes?: RegExp }, instance?: unknown): string[] {
	const problems: string[] = [];
	const name = typeof error.name === 'string' ? error.name : undefined;
	if (instance !== undefined) {
		if (!(instance instanceof NodeApiError || instance instanceof NodeOperationError)) {
			problems.push(`raw error: the node threw a ${describeThrown(instance)}, not a NodeApiError/NodeOperationError`);
		}
	} else if (!name || !NODE_ERROR_NAMES.has(name)) {
		problems.push(`raw error: the run ended with a ${name ?? 'nameless error'}, not a NodeApiError/NodeOperationError`);
	}
	const message = typeof error.message === 'string' ? error.message : '';
	const description = typeof error.description === 'string' ? error.description : '';
	if (message.trim() === '') problems.push('unclear: the message is empty');
	else if (/Unknown error/i.test(message)) problems.push(`unclear: "${clip(message)}"`);
	if (RAW_JS_ERROR.test(message)) problems.push(`raw error text in the message: "${clip(message)}"`);
	if (RAW_JS_ERROR.test(description)) problems.push(`raw error text in the description: "${clip(description)}"`);
	if (HTML_MARKUP.test(message)) problems.push(`unclear: HTML markup in the message (an HTML page is shown by its title): "${clip(message)}"`);
	if (HTML_MARKUP.test(description)) problems.push(`unclear: HTML markup in the description: "${clip(description)}"`);
	if (message && !expectation.says.test(message)) problems.push(`unclear: the message does not say what was wrong (wanted ${expectation.says}): "${clip(message)}"`);
	if (expectation.describes && !expectation.describes.test(`${message}\n${description}`)) {
		problems.push(`unclear: neither the message nor the description shows what came (wanted ${expectation.describes}): "${clip(message)}" / "${clip(description)}"`);
	}
	if (expectation.saysNot?.test(message)) problems.push(`misleading: the message says ${expectation.saysNot}: "${clip(message)}"`);
	if (message.length > MAX_MESSAGE_CHARS) problems.push(`unbounded: the message has ${message.length} characters (at most ${MAX_MESSAGE_CHARS})`);
	if (description.length > MAX_DESCRIPTION_CHARS) problems.push(`unbounded: the description has ${description.length} characters (at most ${MAX_DESCRIPTION_CHARS})`);
	for (const field of ['errorResponse', 'cause'] as const) {
		const size = storedSize(error[field]);
		if (size > MAX_STORED_BODY_CHARS) problems.push(`unbounded: the stored ${field} has ${size} characters (at most ${MAX_STORED_BODY_CHARS})`);
	}
	if (Array.isArray(error.messages)) {
		const longest = Math.max(0, ...error.messages.map((entry) => String(entry).length));
		if (longest > MAX_MESSAGE_CHARS) problems.push(`unbounded: an entry of messages[] has ${longest} characters`);
	}
	return problems;
}

function describeThrown(value: unknown): string {
	if (value instanceof Error) return `${value.constructor.name} ("${clip(value.message)}")`;
	return typeof value;
}

function storedSize(value: unknown): number {
	if (value === undefined || value === null) return 0;
	if (typeof value === 'string') return value.length;
	// n8n persists an Error cause as { name, message } (ExecutionBaseError.toJSON)
	if (value instanceof Error) return value.name.length + (value.message?.length ?? 0);
	try {
		return JSON.stringify(value)?.length ?? 0;
	} catch {
		return Infinity;
	}
}

export function clip(text: string, max = 160): string {
	const flat = text.replace(/\s+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
