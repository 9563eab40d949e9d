import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';

import { pollUntil, retryAfterMs } from '../../../shared/engine/pollUntil';
import { checkShape, factsOf } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { inputError } from '../shared/errors';
import { numberInRange } from '../shared/values';
import { JOB, jobShape } from './answer';

/**
 * Wait for Completion of Create: poll the job with back-off (each pause 1.5 times the one before,
 * up to 5 minutes, never shorter than the server's retry-after) until it succeeded, failed or was
 * cancelled, up to a maximum wait; Stop ends the wait at once (the job goes on at OpenAI).
 */
export interface JobWait {
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
}

export const MAX_POLL_MS = 300_000;
const UNFINISHED = ['validating_files', 'queued', 'running', 'paused'];
const FINISHED = ['succeeded', 'failed', 'cancelled'];

export const jobWaitOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 10080, numberPrecision: 2 },
		default: 120,
		description: 'With Wait for Completion: how long to wait before stopping with an error (the job goes on at OpenAI)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, maxValue: 3600, numberPrecision: 1 },
		default: 30,
		description: "With Wait for Completion: the first pause between status checks; each later pause is 1.5 times longer, up to 5 minutes, and never shorter than the server's retry-after",
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the job has succeeded (the output then names the fine-tuned model). Off: the job is returned at once (validating files). For long jobs, the OpenAI Webhook Trigger or a scheduled Get is better than a long wait.',
	},
];

export function readJobWait(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): JobWait | undefined {
	if (options.waitForCompletion !== true && options.waitForCompletion !== 'true') return undefined;
	return {
		maxWaitMinutes: numberInRange(n8n, itemIndex, options.maxWaitMinutes, 'Max Wait (Minutes)', { min: 0.01, max: 10080 }) ?? 120,
		pollIntervalSeconds: numberInRange(n8n, itemIndex, options.pollIntervalSeconds, 'Poll Interval (Seconds)', { min: 0.1, max: 3600 }) ?? 30,
	};
}

/** The finished job; a failed or cancelled one is an error naming the job and OpenAI's reason. */
export async function waitForJob(n8n: IExecuteFunctions, transport: OpenAiTransport, itemIndex: number, job: FineTuningJob, settings: JobWait): Promise<FineTuningJob> {
	const schedule = { maxWaitMs: settings.maxWaitMinutes * 60_000, firstPauseMs: settings.pollIntervalSeconds * 1000, maxPauseMs: MAX_POLL_MS };
	const { value: current, finished } = await pollUntil(job, schedule, transport.signal, {
		done: (seen) => !unfinished(seen),
		next: async (seen) => {
			const { data, response } = await transport.client.fineTuning.jobs.retrieve(seen.id).withResponse();
			return { value: checkShape(data, jobShape, JOB, factsOf(response, data)), retryAfterMs: retryAfterMs(response.headers) };
		},
	});
	if (!finished) {
		throw inputError(
			n8n,
			itemIndex,
			`Fine-tuning job ${current.id} is still ${current.status} after waiting ${settings.maxWaitMinutes} minutes`,
			'The job goes on at OpenAI. Check it later with Fine-Tuning → Get and this job ID, or raise "Max Wait (Minutes)".',
		);
	}
	if (current.status === 'failed') {
		const reason = current.error?.message ? `: ${String(current.error.message).slice(0, 300)}` : '';
		throw inputError(n8n, itemIndex, `Fine-tuning job ${current.id} failed${reason}`, 'Check the training and validation files (Fine-Tuning → Get Events shows what OpenAI reported).');
	}
	if (current.status === 'cancelled') {
		throw inputError(n8n, itemIndex, `Fine-tuning job ${current.id} was cancelled while waiting for it`, 'The job was cancelled at OpenAI (e.g. with Fine-Tuning → Cancel); start a new one to train again.');
	}
	return current;
}

function unfinished(job: FineTuningJob): boolean {
	const status = String(job.status);
	if (UNFINISHED.includes(status)) return true;
	if (FINISHED.includes(status)) return false;
	throw new UnexpectedResponseError(JOB, `\`status\` is "${status.slice(0, 40)}", not one of ${[...UNFINISHED, ...FINISHED].join(', ')}`, { body: job });
}
