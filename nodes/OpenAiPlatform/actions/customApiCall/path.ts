import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../shared/errors';

/**
 * The "Path" of a Custom API Call: relative to the credential's Base URL and never leaving it. An
 * absolute URL, a host (`//host`), a backslash, a dot segment (`..`, also percent-encoded), an empty
 * segment, a query or fragment, or a `{placeholder}` left from the API reference is refused before
 * anything is sent; the key only ever goes to the Base URL the credential names.
 */
export interface PathProblem {
	message: string;
	fix: string;
}

export function pathProblem(path: string, baseURL: string): PathProblem | undefined {
	const base = baseURL.replace(/\/+$/, '');
	const example = `e.g. /containers (sent to ${base}/containers)`;
	if (!path) return { message: 'is empty', fix: `Enter the endpoint's path relative to the credential's Base URL, ${example}.` };
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
		return { message: `is an absolute URL ("${cut(path)}")`, fix: `Enter only the path after the credential's Base URL (${base}), ${example}. The key is only sent to the Base URL.` };
	}
	if (/^\/\/|\\/.test(path)) return { message: `names another host or uses a backslash ("${cut(path)}")`, fix: `Enter a path under the credential's Base URL, ${example}.` };
	if (/[?#]/.test(path)) return { message: `has a query or fragment ("${cut(path)}")`, fix: 'Put query parameters in "Query Parameters", not in the path.' };
	if (/[{}]/.test(path)) return { message: `still has a placeholder ("${cut(path)}")`, fix: 'Replace each {…} of the API reference with its value, e.g. /containers/cntr_123/files.' };
	if ([...path].some((char) => /\s/.test(char) || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
		return { message: 'has spaces or control characters', fix: 'Percent-encode them (a space is %20).' };
	}
	const segments = (path.startsWith('/') ? path.slice(1) : path).split('/');
	for (const segment of segments) {
		if (segment === '' && segments.length > 1) return { message: `has an empty segment ("${cut(path)}")`, fix: 'Remove the double slash.' };
		const decoded = decodeSegment(segment);
		if (decoded === undefined) return { message: `has a broken percent-encoding ("${cut(segment)}")`, fix: 'Encode a % as %25.' };
		if (decoded === '.' || decoded === '..') {
			return { message: `leaves the Base URL with a dot segment ("${cut(path)}")`, fix: `Enter a path under the credential's Base URL (${base}); to reach another address, change the Base URL in the credential.` };
		}
	}
	// the Base URL may carry a query (e.g. an api-version): the path goes before it
	const root = new URL(base);
	const basePath = root.pathname.replace(/\/+$/, '');
	const normalised = path.startsWith('/') ? path : `/${path}`;
	if (basePath && (normalised === basePath || normalised.startsWith(`${basePath}/`))) {
		return { message: `repeats the Base URL's ${basePath}`, fix: `The Base URL already ends with ${basePath}: enter ${normalised.slice(basePath.length) || '/'} instead.` };
	}
	const target = new URL(`${root.origin}${basePath}${normalised}`);
	if (target.origin !== root.origin || !target.pathname.startsWith(`${basePath}/`)) {
		return { message: `leaves the Base URL ("${cut(path)}")`, fix: `Enter a path under ${base}.` };
	}
	return undefined;
}

/** The "Path" parameter of one item, with a leading slash, or an error naming the parameter and the item. */
export function readPath(n8n: IExecuteFunctions, itemIndex: number, baseURL: string): string {
	const value = n8n.getNodeParameter('path', itemIndex, '') as unknown;
	const path = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	const problem = pathProblem(path, baseURL);
	if (problem) throw inputError(n8n, itemIndex, `The "Path" parameter ${problem.message}`, problem.fix);
	return path.startsWith('/') ? path : `/${path}`;
}

function decodeSegment(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

function cut(text: string): string {
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
