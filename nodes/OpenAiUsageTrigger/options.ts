import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionsProblem } from '../shared/engine/options';

import type { OutputMode } from '../usage/output';

export interface TriggerOptions {
	concurrency: number;
	emptyBuckets: 'skip' | 'zero';
	enrichNames: boolean;
	includeTodaysCosts: boolean;
	maxRetries: number;
	outputMode: OutputMode;
	revisionWindowMinutes: number;
	timeoutMs: number;
}

const DEFAULTS: TriggerOptions = {
	concurrency: 4,
	emptyBuckets: 'skip',
	enrichNames: false,
	includeTodaysCosts: true,
	maxRetries: 2,
	outputMode: 'rows',
	revisionWindowMinutes: 0,
	timeoutMs: 60_000,
};

export const triggerOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: 4,
			description: 'Requests in flight at once: endpoints of All, and pages of a backfill',
		},
		{
			displayName: 'Empty Buckets',
			name: 'emptyBuckets',
			type: 'options',
			options: [
				{ name: 'Skip', value: 'skip', description: 'Buckets without usage produce no item' },
				{ name: 'Zero-Fill', value: 'zero', description: 'One item with all metrics 0 per empty bucket, for gap-free series' },
			],
			default: 'skip',
		},
		{
			displayName: 'Enrich With Names',
			name: 'enrichNames',
			type: 'boolean',
			default: false,
			description:
				'Whether to add project names, user emails and API key names, read from the organization and cached for an hour (needs the api.management.read scope)',
		},
		{
			displayName: "Include Today's Costs",
			name: 'includeTodaysCosts',
			type: 'boolean',
			default: true,
			description:
				"Whether to emit today's cost bucket while the day is still open, marked provisional, and its changes as revisions (Costs and All)",
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 2,
			description: 'How often a request is retried after a rate limit (429) or a server error, waiting as long as OpenAI asks',
		},
		{
			displayName: 'Output',
			name: 'outputMode',
			type: 'options',
			options: [
				{ name: 'One Item per Bucket', value: 'buckets', description: 'A bucket with totals and all its rows, when any row is new or revised' },
				{ name: 'One Item per Result', value: 'rows', description: 'A flat row per new or revised result' },
			],
			default: 'rows',
		},
		{
			displayName: 'Revision Window (Minutes)',
			name: 'revisionWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How far back every poll re-reads closed buckets, because OpenAI revises them after they close. 0 is automatic: 2 hours for 1m buckets, 24 hours for 1h, 3 days for 1d and costs (as much as fits in the request each poll makes anyway). A bucket that changes later is reported with a warning.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60_000,
			description: 'How long one request may take before it is aborted (and retried)',
		},
	],
};

/** The trigger's options; Timeout, Max Retries and Concurrency out of range are refused, naming the option. */
export function readTriggerOptions(ctx: IPollFunctions): TriggerOptions {
	const raw = ctx.getNodeParameter('options', {}) as Partial<TriggerOptions>;
	const options = { ...DEFAULTS, ...raw };
	const problem = requestOptionsProblem(options);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			description: `Open "Options" and set ${problem.option} to ${problem.allowed}.`,
		});
	}
	return options;
}
