import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../transport/client';

export const DEFAULT_CONCURRENCY = 64;
export const MAX_CONCURRENCY = 500;
export const MAX_RETRIES_LIMIT = 10;

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
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many items are sent to OpenAI at the same time. Output order always follows input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRIES_LIMIT },
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

/** Read once per execution (from the first item): they shape the whole run. Out-of-range values are refused. */
export function readRequestOptions(ctx: IExecuteFunctions): RequestOptions {
	const raw = ctx.getNodeParameter('requestOptions', 0, {}) as Partial<Record<keyof RequestOptions, unknown>>;
	const options = {
		concurrency: raw.concurrency ?? DEFAULT_CONCURRENCY,
		maxRetries: raw.maxRetries ?? DEFAULT_MAX_RETRIES,
		timeoutMs: raw.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	const problem = requestOptionsProblem(options);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			description: `Open "Request Options" and set ${problem.option} to ${problem.allowed}.`,
		});
	}
	return options as RequestOptions;
}

export interface OptionProblem {
	option: string;
	allowed: string;
	message: string;
}

/**
 * Checks Timeout, Max Retries and Concurrency (also the Usage Trigger's): Timeout a whole number of
 * ms above 0, Max Retries 0–10, Concurrency 1–500. Returns the first problem, naming the option.
 */
export function requestOptionsProblem(options: { timeoutMs?: unknown; maxRetries?: unknown; concurrency?: unknown }): OptionProblem | undefined {
	const checks: Array<[string, unknown, number, number, string]> = [
		['Timeout (Ms)', options.timeoutMs, 1, Number.MAX_SAFE_INTEGER, 'a number of milliseconds above 0'],
		['Max Retries', options.maxRetries, 0, MAX_RETRIES_LIMIT, `a whole number from 0 to ${MAX_RETRIES_LIMIT}`],
		['Concurrency', options.concurrency, 1, MAX_CONCURRENCY, `a whole number from 1 to ${MAX_CONCURRENCY}`],
	];
	for (const [option, value, min, max, allowed] of checks) {
		if (value === undefined) continue;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			return { option, allowed, message: `The option "${option}" must be ${allowed} (it is ${JSON.stringify(value) ?? String(value)})` };
		}
	}
	return undefined;
}
