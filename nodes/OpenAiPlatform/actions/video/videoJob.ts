import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Video } from 'openai/resources/videos';

import { withBodyRetries } from '../../../shared/engine/bodyRetries';
import { toItems } from '../../../shared/engine/runItems';
import { pollUntil, retryAfterMs } from '../../../shared/engine/pollUntil';
import { checkShape, factsOf } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { inputError } from '../shared/errors';
import { numberInRange } from '../shared/values';
import type { OperationContext } from '../types';
import { VIDEO, videoShape } from './answer';
import { type DownloadPlan, downloadVideoFiles, readDownloadPlan, variantsProperty, videoFailed, videoOutputOption } from './videoContent';

/**
 * What Create, Remix, Edit and Extend do once OpenAI accepted the job: return it at once (so the
 * item engine starts many videos in parallel), or wait for it — polling with back-off, honouring a
 * `retry-after` the server sends, ending at once on Stop, up to a maximum wait — and download its
 * files into the same item.
 */
export interface WaitSettings {
	maxWaitMinutes: number;
	pollIntervalSeconds: number;
}

export const DEFAULT_VIDEO_WAIT: WaitSettings = { maxWaitMinutes: 20, pollIntervalSeconds: 10 };
/** The longest pause between two looks. */
export const MAX_POLL_MS = 60_000;

const UNFINISHED = new Set(['queued', 'in_progress']);

export interface JobOptions {
	wait?: WaitSettings;
	plan?: DownloadPlan;
}

/** The options of a job-creating operation; `extra` are the operation's own (e.g. Create's reference image). */
export function jobOptionsProperty(extra: INodeProperties[] = []): INodeProperties {
	const options: INodeProperties[] = [
		...extra,
		variantsProperty('With Wait for Completion: the files to download into the output item'),
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: 1440, numberPrecision: 2 },
			default: 20,
			description: 'With Wait for Completion: how long to wait before stopping with an error (the video keeps rendering at OpenAI)',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
			default: 10,
			description: "With Wait for Completion: the first pause between status checks; each later pause is 1.5 times longer, up to a minute, and never shorter than the server's retry-after",
		},
		videoOutputOption,
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the video is rendered and download it into this item. Off: the job is returned at once (status queued), so many videos render in parallel; download them later with Video → Download.',
		},
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Reads the waiting and download options before anything is sent. */
export function readJobOptions(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): JobOptions {
	if (options.waitForCompletion !== true) return {};
	const maxWaitMinutes = numberInRange(n8n, itemIndex, options.maxWaitMinutes, 'Max Wait (Minutes)', { min: 0.01, max: 1440 });
	const pollIntervalSeconds = numberInRange(n8n, itemIndex, options.pollIntervalSeconds, 'Poll Interval (Seconds)', { min: 0.1, max: 600 });
	return {
		wait: {
			maxWaitMinutes: maxWaitMinutes ?? DEFAULT_VIDEO_WAIT.maxWaitMinutes,
			pollIntervalSeconds: pollIntervalSeconds ?? DEFAULT_VIDEO_WAIT.pollIntervalSeconds,
		},
		plan: readDownloadPlan(n8n, itemIndex, options.download, options.binaryPropertyOutput),
	};
}

/** The job as OpenAI accepted it, or — with Wait for Completion — the finished video with its files. */
export async function finishJob({ n8n, transport, itemIndex }: OperationContext, video: Video, job: JobOptions): Promise<INodeExecutionData[]> {
	if (!job.wait || !job.plan) return toItems({ ...video } as unknown as IDataObject);
	const finished = await waitForVideo(n8n, transport, video, job.wait, itemIndex);
	if (finished.status === 'failed') throw videoFailed(n8n, itemIndex, finished);
	return [await downloadCreated(n8n, transport, finished, job.plan, itemIndex)];
}

/**
 * Polls a video until it is completed or failed. Stop in n8n (or another item failing) ends the
 * wait at once; the video keeps rendering at OpenAI. A pause is never shorter than a `retry-after`
 * the last answer asked for (the last pause before the maximum wait is cut to fit it).
 */
export async function waitForVideo(n8n: IExecuteFunctions, transport: OpenAiTransport, video: Video, settings: WaitSettings, itemIndex: number): Promise<Video> {
	const schedule = { maxWaitMs: settings.maxWaitMinutes * 60_000, firstPauseMs: settings.pollIntervalSeconds * 1000, maxPauseMs: MAX_POLL_MS };
	const { value: current, finished } = await pollUntil(video, schedule, transport.signal, {
		done: (seen) => !unfinished(seen),
		next: async (seen) => {
			const { data, response } = await transport.client.videos.retrieve(seen.id).withResponse();
			return { value: checkShape(data, videoShape, VIDEO, factsOf(response, data)), retryAfterMs: retryAfterMs(response.headers) };
		},
	});
	if (finished) return current;
	const progress = typeof current.progress === 'number' ? `, ${current.progress}% done` : '';
	throw inputError(
		n8n,
		itemIndex,
		`Video ${current.id} is still ${current.status} after waiting ${settings.maxWaitMinutes} minutes${progress}`,
		'The video keeps rendering at OpenAI. Download it later with Video → Download and this video ID, or raise "Max Wait (Minutes)".',
	);
}

/** Queued or in progress: poll again. Completed or failed: done. Anything else is not a video status. */
function unfinished(video: Video): boolean {
	if (UNFINISHED.has(video.status)) return true;
	if (video.status === 'completed' || video.status === 'failed') return false;
	throw new UnexpectedResponseError(VIDEO, `\`status\` is "${String(video.status).slice(0, 40)}", not one of queued, in_progress, completed, failed`, { body: video });
}


/**
 * The files of a video this item created. A download whose body breaks is tried again here (Max
 * Retries) — never by running the item again, which would create (and pay for) another video. Any
 * failure names the video, which is complete at OpenAI and can be downloaded later.
 */
async function downloadCreated(n8n: IExecuteFunctions, transport: OpenAiTransport, video: Video, plan: DownloadPlan, itemIndex: number): Promise<INodeExecutionData> {
	try {
		return await withBodyRetries(transport.maxRetries, transport.signal, async () => await downloadVideoFiles(n8n, transport, video, plan));
	} catch (error) {
		// Stop or another item's failure: the engine reports that, not this download
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (transport.signal.aborted) throw error;
		const nodeError = transport.toNodeError(error, itemIndex);
		const before = nodeError.description ? ` ${nodeError.description}` : '';
		nodeError.description = `Video ${video.id} is complete at OpenAI, but downloading its files failed; download them with Video → Download and this video ID (it is not generated again).${before}`;
		throw nodeError;
	}
}
