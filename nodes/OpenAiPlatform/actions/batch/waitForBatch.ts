import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Batch } from 'openai/resources/batches';

import type { PollSchedule } from '../../../shared/engine/pollUntil';
import { pollUntil } from '../../../shared/engine/pollUntil';
import { checkedCall } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { inputError } from '../shared/errors';
import { BATCH, batchShape } from './answer';
import { FINAL_STATUSES, progress } from './results';

/** How long to wait for a batch, and how often to look. */
export interface WaitSettings {
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
}

export const DEFAULT_WAIT: WaitSettings = { maxWaitMinutes: 60, pollIntervalSeconds: 30 };
/** The longest pause between two looks. */
export const MAX_POLL_MS = 5 * 60 * 1000;

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 60,
		description: 'With Wait for Completion: how long to wait before stopping with an error (the batch keeps running at OpenAI)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 30,
		description: 'With Wait for Completion: the first pause between status checks; each later pause is 1.5 times longer, up to 5 minutes',
	},
];

export function readWaitSettings(options: IDataObject): WaitSettings {
	const number = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
	return {
		maxWaitMinutes: number(options.maxWaitMinutes, DEFAULT_WAIT.maxWaitMinutes),
		pollIntervalSeconds: number(options.pollIntervalSeconds, DEFAULT_WAIT.pollIntervalSeconds),
	};
}

/** The pauses of a batch wait: the interval, ×1.5 each time, at most 5 minutes, within the time limit. */
export function batchPollSchedule(settings: WaitSettings): PollSchedule {
	return { maxWaitMs: settings.maxWaitMinutes * 60_000, firstPauseMs: settings.pollIntervalSeconds * 1000, maxPauseMs: MAX_POLL_MS };
}

/**
 * Polls a batch until it is over, with back-off, up to the time limit. Stop in n8n ends the wait at
 * once (the batch itself keeps running at OpenAI). Running out of time is an error naming the batch.
 */
export async function waitForBatch(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	batch: Batch,
	settings: WaitSettings,
	itemIndex: number,
): Promise<Batch> {
	const [current] = await waitForBatches(transport, [batch], settings);
	if (FINAL_STATUSES.has(current.status)) return current;
	throw stillRunning(n8n, current, settings, itemIndex);
}

/**
 * Polls several batches until all are over or the time limit is reached: each pause (with back-off)
 * is followed by one look at every batch that is not over yet. Returns every batch as last seen, in
 * the given order; the caller decides what a batch that is not over means.
 */
export async function waitForBatches(transport: OpenAiTransport, batches: Batch[], settings: WaitSettings): Promise<Batch[]> {
	const over = (batch: Batch) => FINAL_STATUSES.has(batch.status);
	const { value } = await pollUntil(batches, batchPollSchedule(settings), transport.signal, {
		done: (seen) => seen.every(over),
		next: async (seen) => ({
			value: await Promise.all(
				seen.map(async (batch) => (over(batch) ? batch : await checkedCall(transport.client.batches.retrieve(batch.id), batchShape, BATCH))),
			),
		}),
	});
	return value;
}

/** The error of a batch that is not over when the wait ends. */
export function stillRunning(n8n: IExecuteFunctions, batch: Batch, settings: WaitSettings, itemIndex: number) {
	return inputError(
		n8n,
		itemIndex,
		`Batch ${batch.id} is still ${batch.status} after waiting ${settings.maxWaitMinutes} minutes (${progress(batch)})`,
		'The batch keeps running at OpenAI (up to its 24-hour window). Get its results later with Batch → Get Results and this batch ID, or raise "Max Wait (Minutes)".',
	);
}
