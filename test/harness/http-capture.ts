import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import type { CapturedHttpRequest } from './types';

const absoluteUrlPattern = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** Joins baseURL and url the way axios does (an absolute url ignores baseURL). */
function toAbsoluteUrl(baseURL: string | undefined, url: string | undefined): string {
	const relative = url ?? '';
	if (!baseURL || absoluteUrlPattern.test(relative)) return relative;
	if (!relative) return baseURL;
	return `${baseURL.replace(/\/+$/, '')}/${relative.replace(/^\/+/, '')}`;
}

function copyBody(body: unknown): unknown {
	if (body === undefined || body === null || typeof body !== 'object') return body;
	if (Buffer.isBuffer(body)) return Buffer.from(body);
	try {
		return structuredClone(body);
	} catch {
		// FormData, streams and the like: keep the reference.
		return body;
	}
}

export function toCapturedRequest(
	credentialType: string,
	options: IHttpRequestOptions,
	node: INode | undefined,
): CapturedHttpRequest {
	const captured: CapturedHttpRequest = {
		credentialType,
		nodeName: node?.name,
		method: (options.method ?? 'GET').toUpperCase(),
		url: toAbsoluteUrl(options.baseURL, options.url),
		headers: { ...(options.headers as IDataObject | undefined) },
	};
	if (options.qs !== undefined) captured.qs = structuredClone(options.qs);
	if (options.body !== undefined) captured.body = copyBody(options.body);
	if (options.auth !== undefined) captured.auth = { ...options.auth };
	return captured;
}
