import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../transport/client';

export const DEFAULT_CONCURRENCY = 64;

/** Request options every operation offers, under "Request Options". */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Request Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many items are sent to OpenAI at the same time. Output order always follows input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often a request is retried after a rate limit (429), a server error (5xx) or a dropped connection, waiting as long as OpenAI asks (Retry-After) or backing off exponentially',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long one request may take before it is aborted (and retried)',
		},
	],
};

export interface RequestOptions {
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

/** Read once per execution (from the first item): they shape the whole run. */
export function readRequestOptions(ctx: IExecuteFunctions): RequestOptions {
	const raw = ctx.getNodeParameter('requestOptions', 0, {}) as Partial<RequestOptions>;
	return {
		concurrency: raw.concurrency ?? DEFAULT_CONCURRENCY,
		maxRetries: raw.maxRetries ?? DEFAULT_MAX_RETRIES,
		timeoutMs: raw.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}
