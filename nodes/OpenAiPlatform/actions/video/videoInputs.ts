import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toFile, type Uploadable } from 'openai/uploads';

import { inputError } from '../shared/errors';
import { type AcceptedTypes, checkType, describeBinary, readBinaryInput, toUploadable } from '../shared/mediaBinary';
import { IMAGE_TYPES, imageDimensions } from '../shared/mediaImage';
import { readVideoId, videoIdProperty } from './videoId';

/** The files a video request takes: Create's reference image, and the source video of Edit and Extend. */
const REFERENCE_PARAMETER = 'Reference Image';
const SOURCE_PARAMETER = 'Input Data Field Name';

export const MP4_TYPES: AcceptedTypes = { label: 'MP4 videos', mimeTypes: ['video/mp4'], extensions: ['mp4'] };

export const referenceImageOption: INodeProperties = {
	displayName: 'Reference Image',
	name: 'referenceImage',
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	description:
		'The binary property of the input item with an image (PNG, JPEG, WebP) that becomes the first frame. It must have the size of the video, e.g. 720x1280.',
};

/**
 * The reference image of a Create item, checked before anything is sent: an image OpenAI reads,
 * exactly the size of the video (OpenAI refuses any other size). Undefined when the option is empty.
 */
export async function readReferenceImage(n8n: IExecuteFunctions, itemIndex: number, property: unknown, size: string): Promise<Uploadable | undefined> {
	const name = typeof property === 'string' ? property.trim() : '';
	if (!name) return undefined;
	const input = await describeBinary(n8n, itemIndex, name, REFERENCE_PARAMETER);
	checkType(n8n, itemIndex, input, IMAGE_TYPES);
	const bytes = await readBinaryInput(n8n, itemIndex, input);
	const dimensions = imageDimensions(bytes);
	if (!dimensions || dimensions.format === 'gif') {
		throw inputError(n8n, itemIndex, `The file in "${REFERENCE_PARAMETER}" ("${input.fileName}") is not a PNG, JPEG or WebP image`, 'Use a PNG, JPEG or WebP image (its bytes, not only its name, decide).');
	}
	if (`${dimensions.width}x${dimensions.height}` !== size) {
		throw inputError(
			n8n,
			itemIndex,
			`The image in "${REFERENCE_PARAMETER}" ("${input.fileName}") is ${dimensions.width}x${dimensions.height}; it must be the video's size, ${size}`,
			'Resize or crop the image to the video size first (e.g. with the Edit Image node), or pick the size that matches it.',
		);
	}
	return await toFile(bytes, input.fileName, { type: input.mimeType });
}

/** Edit and Extend start from a completed video (by ID) or an MP4 from the item. */
export function sourceProperties(verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			default: 'videoId',
			options: [
				{ name: 'Video ID', value: 'videoId', description: 'A completed video made with Sora' },
				{ name: 'Binary File', value: 'binary', description: 'An MP4 in a binary property of the input item' },
			],
			description: `The video to ${verb}`,
		},
		{ ...videoIdProperty, description: `The ID of the completed video to ${verb}`, displayOptions: { show: { source: ['videoId'] } } },
		{
			displayName: SOURCE_PARAMETER,
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			placeholder: 'e.g. data',
			hint: 'The name of the input field containing the binary file data to be processed',
			description: `The binary property of the input item with the MP4 to ${verb}`,
			displayOptions: { show: { source: ['binary'] } },
		},
	];
}

/** The `video` field of an Edit or Extend request: `{ id }`, or the uploaded MP4 (streamed when large). */
export async function readSourceVideo(n8n: IExecuteFunctions, itemIndex: number): Promise<Uploadable | { id: string }> {
	const source = n8n.getNodeParameter('source', itemIndex, 'videoId') as unknown;
	if (source === 'videoId') return { id: readVideoId(n8n, itemIndex) };
	if (source !== 'binary') {
		throw inputError(n8n, itemIndex, `The "Source" parameter is ${JSON.stringify(source)}`, 'Use videoId (a completed video) or binary (an MP4 of the input item).');
	}
	const name = String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
	const input = await describeBinary(n8n, itemIndex, name, SOURCE_PARAMETER);
	checkType(n8n, itemIndex, input, MP4_TYPES);
	if (input.bytes === 0) throw inputError(n8n, itemIndex, `The file in "${SOURCE_PARAMETER}" ("${input.fileName}") is empty`, 'Check the node that produced the video.');
	return await toUploadable(n8n, itemIndex, input);
}
