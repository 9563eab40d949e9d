import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Batch } from 'openai/resources/batches';

import { waitFor } from '../../../shared/engine/wait';
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
/** Each poll waits this much longer than the one before, up to MAX_POLL_MS. */
export const BACK_OFF = 1.5;
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

/** The pauses between polls: interval, ×1.5 each time, capped; all within the time limit. */
export function pollDelays(settings: WaitSettings): number[] {
	const limit = settings.maxWaitMinutes * 60_000;
	const delays: number[] = [];
	let delay = settings.pollIntervalSeconds * 1000;
	let total = 0;
	while (total < limit) {
		const next = Math.min(delay, MAX_POLL_MS, limit - total);
		delays.push(next);
		total += next;
		delay *= BACK_OFF;
	}
	return delays;
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
	const [current] = await waitForBatches(n8n, transport, [batch], settings);
	if (FINAL_STATUSES.has(current.status)) return current;
	throw stillRunning(n8n, current, settings, itemIndex);
}

/**
 * Polls several batches until all are over or the time limit is reached: each pause (with back-off)
 * is followed by one look at every batch that is not over yet. Returns every batch as last seen, in
 * the given order; the caller decides what a batch that is not over means.
 */
export async function waitForBatches(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	batches: Batch[],
	settings: WaitSettings,
): Promise<Batch[]> {
	const signal = n8n.getExecutionCancelSignal();
	const current = [...batches];
	for (const delay of pollDelays(settings)) {
		if (current.every((batch) => FINAL_STATUSES.has(batch.status))) break;
		await waitFor(delay, signal);
		for (const [position, batch] of current.entries()) {
			if (FINAL_STATUSES.has(batch.status)) continue;
			current[position] = await checkedCall(transport.client.batches.retrieve(batch.id), batchShape, BATCH);
		}
	}
	return current;
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
