import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pollUntil, retryAfterMs } from '../../../shared/engine/pollUntil';
import { checkShape, factsOf, type Shape } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { inputError } from '../shared/errors';
import { numberInRange } from '../shared/values';

/**
 * "Wait Until Processed" of Add File and Create File Batch: poll the file or batch with back-off
 * (each pause 1.5 times the one before, up to 30 s, never shorter than the server's retry-after)
 * until it is no longer in progress, up to a maximum wait; Stop (transport.signal) ends the wait at once.
 */
export interface WaitSettings {
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
}

export const MAX_POLL_MS = 30_000;
const STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'];

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 1440, numberPrecision: 2 },
		default: 10,
		description: 'With Wait Until Processed: how long to wait before stopping with an error (processing goes on at OpenAI)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
		default: 2,
		description: "With Wait Until Processed: the first pause between status checks; each later pause is 1.5 times longer, up to 30 seconds, and never shorter than the server's retry-after",
	},
	{
		displayName: 'Wait Until Processed',
		name: 'waitUntilProcessed',
		type: 'boolean',
		default: false,
		description: 'Whether to wait until the files are chunked and embedded (searchable) before the item is output. Off: returned at once with status in_progress.',
	},
];

export function readWait(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): WaitSettings | undefined {
	if (options.waitUntilProcessed !== true && options.waitUntilProcessed !== 'true') return undefined;
	return {
		maxWaitMinutes: numberInRange(n8n, itemIndex, options.maxWaitMinutes, 'Max Wait (Minutes)', { min: 0.01, max: 1440 }) ?? 10,
		pollIntervalSeconds: numberInRange(n8n, itemIndex, options.pollIntervalSeconds, 'Poll Interval (Seconds)', { min: 0.1, max: 600 }) ?? 2,
	};
}

interface Polled {
	id: string;
	status: string;
}

/** Polls `retrieve` until the status is not in_progress; an unknown status is an unexpected answer. */
export async function waitUntilProcessed<T extends Polled>(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	itemIndex: number,
	first: T,
	settings: WaitSettings,
	check: { shape: Shape; what: string; label: string },
	retrieve: () => Promise<{ data: T; response: Response }>,
): Promise<T> {
	const schedule = { maxWaitMs: settings.maxWaitMinutes * 60_000, firstPauseMs: settings.pollIntervalSeconds * 1000, maxPauseMs: MAX_POLL_MS };
	const { value: current, finished } = await pollUntil(first, schedule, transport.signal, {
		done: (seen) => !inProgress(seen, check.what),
		next: async () => {
			const { data, response } = await retrieve();
			return { value: checkShape(data, check.shape, check.what, factsOf(response, data)), retryAfterMs: retryAfterMs(response.headers) };
		},
	});
	if (finished) return current;
	throw inputError(
		n8n,
		itemIndex,
		`${check.label} ${current.id} is still in progress after waiting ${settings.maxWaitMinutes} minutes`,
		'Processing goes on at OpenAI. Check it later with the Get operation, or raise "Max Wait (Minutes)".',
	);
}

function inProgress(value: Polled, what: string): boolean {
	if (!STATUSES.includes(value.status)) {
		throw new UnexpectedResponseError(what, `\`status\` is "${String(value.status).slice(0, 40)}", not one of ${STATUSES.join(', ')}`, { body: value });
	}
	return value.status === 'in_progress';
}
