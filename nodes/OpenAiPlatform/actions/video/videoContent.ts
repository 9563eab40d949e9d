import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Video } from 'openai/resources/videos';

import type { OpenAiTransport } from '../../../shared/transport/client';
import { checkedBinary } from '../shared/binaryAnswer';
import { inputError } from '../shared/errors';
import { binaryItem, readOutputProperty, readResponseContent } from '../shared/mediaBinary';
import { contentOf, videoContentRule, type VideoVariant } from './answer';

/**
 * A completed video's files into the output item's binary properties: the MP4 streams into n8n's
 * binary store as it arrives (it can be large); the thumbnail and the spritesheet are small images,
 * read into memory so n8n also recognises them by their bytes.
 */
export const VARIANTS: Array<{ name: string; value: VideoVariant; description: string }> = [
	{ name: 'Spritesheet', value: 'spritesheet', description: 'A grid of frames from the video (an image)' },
	{ name: 'Thumbnail', value: 'thumbnail', description: 'A still of the video (an image)' },
	{ name: 'Video', value: 'video', description: 'The MP4 file' },
];

/** Where the thumbnail and the spritesheet go; the video goes to "Put Video in Field". */
const PREVIEW_PROPERTIES: Record<Exclude<VideoVariant, 'video'>, string> = { thumbnail: 'thumbnail', spritesheet: 'spritesheet' };

export function variantsProperty(description: string): INodeProperties {
	return {
		displayName: 'Download',
		name: 'download',
		type: 'multiOptions',
		default: ['video'],
		options: VARIANTS,
		description,
	};
}

export const videoOutputOption: INodeProperties = {
	displayName: 'Put Video in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	description: 'The binary property of the output item to put the MP4 in; a thumbnail goes into "thumbnail", a spritesheet into "spritesheet"',
};

export interface DownloadPlan {
	variants: VideoVariant[];
	/** binary property per variant */
	properties: Record<VideoVariant, string>;
}

/** The files to download and where each goes; an empty choice or a clash of property names names the parameter. */
export function readDownloadPlan(n8n: IExecuteFunctions, itemIndex: number, download: unknown, videoProperty: unknown): DownloadPlan {
	const list = Array.isArray(download) ? download : typeof download === 'string' ? download.split(',') : ['video'];
	const known = new Set(VARIANTS.map((variant) => variant.value as string));
	const variants: VideoVariant[] = [];
	for (const entry of list.map((value) => String(value).trim()).filter(Boolean)) {
		if (!known.has(entry)) {
			throw inputError(n8n, itemIndex, `The "Download" option has "${entry}", which is not a file of a video`, 'Use video, thumbnail and/or spritesheet.');
		}
		if (!variants.includes(entry as VideoVariant)) variants.push(entry as VideoVariant);
	}
	if (variants.length === 0) throw inputError(n8n, itemIndex, 'The "Download" option is empty', 'Pick at least one of Video, Thumbnail and Spritesheet.');
	const properties = { video: readOutputProperty(videoProperty), ...PREVIEW_PROPERTIES };
	if (variants.includes('video')) {
		const clash = variants.find((variant) => variant !== 'video' && properties[variant] === properties.video);
		if (clash) {
			throw inputError(n8n, itemIndex, `"Put Video in Field" is "${properties.video}", where the ${clash} goes too`, `Use another field name for the video, e.g. data.`);
		}
	}
	return { variants, properties };
}

/** Refuses a video that has no files (yet): still rendering, or failed. */
export function assertCompleted(n8n: IExecuteFunctions, itemIndex: number, video: Video): void {
	if (video.status === 'completed') return;
	if (video.status === 'failed') throw videoFailed(n8n, itemIndex, video);
	throw inputError(
		n8n,
		itemIndex,
		`Video ${video.id} is still ${video.status}${typeof video.progress === 'number' ? ` (${video.progress}%)` : ''}; its files are not ready yet`,
		'Try again later, or turn on "Wait for Completion" when creating the video.',
	);
}

export function videoFailed(n8n: IExecuteFunctions, itemIndex: number, video: Video): Error {
	const reason = video.error?.message || 'OpenAI gave no reason';
	const code = video.error?.code ? ` (${video.error.code})` : '';
	return inputError(
		n8n,
		itemIndex,
		`Video ${video.id} failed: ${reason}${code}`,
		'The job has no files. A moderation block needs another prompt or reference image; otherwise create the video again.',
	);
}

/** Downloads the planned files of a completed video into one output item whose JSON is the video. */
export async function downloadVideoFiles(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	video: Video,
	plan: DownloadPlan,
): Promise<INodeExecutionData> {
	const output: INodeExecutionData = { json: { ...video } as unknown as IDataObject, binary: {} };
	for (const variant of plan.variants) {
		const response = await checkedBinary(transport.client.videos.downloadContent(video.id, { variant }), contentOf(video.id, variant), videoContentRule(variant));
		const content = await readResponseContent(response, { inMemory: variant !== 'video' });
		const mimeType = mimeTypeOf(variant, response.headers.get('content-type'));
		const fileName = `${video.id}${variant === 'video' ? '' : `_${variant}`}.${extensionOf(mimeType)}`;
		const item = await binaryItem(n8n, output.json, plan.properties[variant], content, fileName, mimeType);
		Object.assign(output.binary as object, item.binary);
	}
	return output;
}

/** The declared type when it fits the variant, else what OpenAI sends for it (video/mp4, image/webp). */
function mimeTypeOf(variant: VideoVariant, contentType: string | null): string {
	const declared = contentType?.split(';')[0]?.trim().toLowerCase();
	const family = variant === 'video' ? 'video/' : 'image/';
	if (declared?.startsWith(family)) return declared;
	return variant === 'video' ? 'video/mp4' : 'image/webp';
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm' };

function extensionOf(mimeType: string): string {
	return EXTENSIONS[mimeType] ?? (/^[a-z]+\/([a-z0-9]+)$/.exec(mimeType)?.[1] || 'bin');
}
