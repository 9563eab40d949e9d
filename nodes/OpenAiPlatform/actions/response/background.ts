import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Response } from 'openai/resources/responses/responses';

import type { PollSchedule } from '../../../shared/engine/pollUntil';
import { pollUntil } from '../../../shared/engine/pollUntil';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { inputError } from '../shared/errors';
import { numberInRange } from '../shared/values';
import { BACKGROUND_RESPONSE, backgroundResponseShape, checkedResponse } from './answer';

/**
 * Background mode of Response → Create: the request returns at once with the response's ID and
 * status (queued); with Wait for Completion the node polls it with back-off until it is over (or
 * the maximum wait passes) and returns the finished response. Stop ends the wait at once.
 */
export const backgroundProperties: INodeProperties[] = [
	{
		displayName: 'Background',
		name: 'background',
		type: 'boolean',
		default: false,
		description:
			'Whether to run the response in the background: the node gets its ID and status (queued) at once, for long tasks (reasoning, many tool calls). Check it later with Get, stop it with Cancel, or wait for it below. Needs Store on.',
	},
	{
		displayName: 'Background Options',
		name: 'backgroundOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { background: [true] } },
		options: [
			{
				displayName: 'Max Wait (Minutes)',
				name: 'maxWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				default: 10,
				description: 'With Wait for Completion: how long to wait before stopping with an error (the response keeps running at OpenAI)',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: 2,
				description: 'With Wait for Completion: the first pause between status checks; each later pause is 1.5 times longer, up to 30 seconds',
			},
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: true,
				description: 'Whether to wait until the response is finished and return it, instead of returning at once with status queued',
			},
		],
	},
];

export interface BackgroundWait {
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
}

export interface BackgroundMode {
	on: boolean;
	/** set with Wait for Completion */
	wait?: BackgroundWait;
}

export const DEFAULT_BACKGROUND_WAIT: BackgroundWait = { maxWaitMinutes: 10, pollIntervalSeconds: 2 };
export const MAX_POLL_MS = 30_000;
/** Statuses after which a response no longer changes. */
export const FINAL_STATUSES = new Set(['completed', 'failed', 'cancelled', 'incomplete']);

export function readBackgroundMode(n8n: IExecuteFunctions, itemIndex: number): BackgroundMode {
	const on = n8n.getNodeParameter('background', itemIndex, false) as unknown;
	if (on !== true && on !== false && on !== 'true' && on !== 'false') {
		throw inputError(n8n, itemIndex, `The "Background" parameter must be true or false, not ${JSON.stringify(on)}`, 'Switch "Background" on or off.');
	}
	if (on !== true && on !== 'true') return { on: false };
	const options = n8n.getNodeParameter('backgroundOptions', itemIndex, {}) as IDataObject;
	if (options.waitForCompletion !== true) {
		for (const [name, displayName] of [['maxWaitMinutes', 'Max Wait (Minutes)'], ['pollIntervalSeconds', 'Poll Interval (Seconds)']]) {
			if (options[name] !== undefined) {
				throw inputError(n8n, itemIndex, `The "${displayName}" option needs the "Wait for Completion" option on`, `Add "Wait for Completion" and switch it on, or remove "${displayName}".`);
			}
		}
		return { on: true };
	}
	const range = (name: string, displayName: string, min: number, max: number) => numberInRange(n8n, itemIndex, options[name], displayName, { min, max });
	return {
		on: true,
		wait: {
			maxWaitMinutes: range('maxWaitMinutes', 'Max Wait (Minutes)', 0.01, 24 * 60) ?? DEFAULT_BACKGROUND_WAIT.maxWaitMinutes,
			pollIntervalSeconds: range('pollIntervalSeconds', 'Poll Interval (Seconds)', 0.1, 3600) ?? DEFAULT_BACKGROUND_WAIT.pollIntervalSeconds,
		},
	};
}

/** The pauses of a background wait: the interval, ×1.5 each time, at most 30 s, within the maximum wait. */
export function backgroundPollSchedule(wait: BackgroundWait): PollSchedule {
	return { maxWaitMs: wait.maxWaitMinutes * 60_000, firstPauseMs: wait.pollIntervalSeconds * 1000, maxPauseMs: MAX_POLL_MS };
}

/**
 * Polls a background response until its status is final, with back-off, within the maximum wait.
 * The transport's signal (Stop in n8n, the engine stopping after another item failed) ends the
 * wait at once. Running out of time is an error naming the response, which keeps running.
 */
export async function waitForResponse(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	response: Response,
	wait: BackgroundWait,
	itemIndex: number,
): Promise<Response> {
	const { value: current, finished } = await pollUntil(response, backgroundPollSchedule(wait), transport.signal, {
		done: (seen) => FINAL_STATUSES.has(seen.status ?? ''),
		next: async (seen) => ({
			value: await checkedResponse(transport.client.responses.retrieve(seen.id), backgroundResponseShape, BACKGROUND_RESPONSE),
		}),
	});
	if (finished) return current;
	throw inputError(
		n8n,
		itemIndex,
		`Response ${current.id} is still ${current.status ?? 'without a status'} after waiting ${wait.maxWaitMinutes} minutes`,
		'The response keeps running at OpenAI. Get it later with Response → Get and this ID, stop it with Response → Cancel, or raise "Max Wait (Minutes)".',
	);
}
