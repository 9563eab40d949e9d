import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ImageEditParamsNonStreaming } from 'openai/resources/images';
import { toFile } from 'openai/uploads';

import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { type AcceptedTypes, type BinaryInput, binaryInputProperty, checkSize, checkType, describeBinary, formatBytes, MB, readBinaryInput } from '../shared/mediaBinary';
import { IMAGE_TYPES, imageDimensions, PNG_ONLY } from '../shared/mediaImage';
import { splitNames } from '../shared/values';
import type { ItemOperation } from '../types';
import { IMAGES, imagesShape } from './answer';
import { imageFamily } from './imageModels';
import { imageItems } from './imageOutput';
import { editOptions, imageModelLocator, imageRequestFields, type ImageRequest, promptProperty, readImageRequest, readPrompt } from './imageParameters';

const IMAGES_PARAMETER = 'Input Data Field Names';
const MASK_PARAMETER = 'Mask Data Field Name';

export const editProperties: INodeProperties[] = [
	imageModelLocator('gpt-image-1', 'The image model: gpt-image-1 family (up to 16 images) or dall-e-2 (one square PNG)'),
	promptProperty,
	binaryInputProperty({
		displayName: IMAGES_PARAMETER,
		name: 'binaryPropertyName',
		hint: 'Comma-separated binary properties of the input item, e.g. data, image2',
		description: 'The binary properties that hold the images to edit (PNG, JPEG or WebP; up to 16 for gpt-image models)',
	}),
	{
		displayName: MASK_PARAMETER,
		name: 'maskPropertyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. mask',
		description: 'Optional binary property with a PNG mask the size of the first image: its fully transparent areas are where the image is edited',
	},
	editOptions,
];

export const editImage: ItemOperation = {
	value: 'edit',
	name: 'Edit',
	action: 'Edit an image',
	description: 'Change one or more images following a prompt, optionally only inside a mask',
	properties: editProperties,
	async execute({ n8n, transport, itemIndex }) {
		const edit = await readImageEdit(n8n, itemIndex);
		const { request, prompt, images, mask } = edit;
		const uploads = await Promise.all(images.map((image) => toFile(image.data, image.input.fileName, { type: image.input.mimeType })));
		const body = {
			model: request.model,
			prompt,
			image: uploads.length === 1 ? uploads[0] : uploads,
			...(mask ? { mask: await toFile(mask.data, mask.input.fileName, { type: 'image/png' }) } : {}),
			...imageRequestFields(request),
		} as ImageEditParamsNonStreaming;
		const response = await checkedCall(transport.client.images.edit(body), imagesShape(request.options.n ?? 1), IMAGES);
		return await imageItems(n8n, request, response, 'edited');
	},
};

type ItemImage = Awaited<ReturnType<typeof readImage>>;

/** What one item asks to edit: model and options, prompt, the images and the optional mask, all checked. */
export interface ImageEdit {
	request: ImageRequest;
	prompt: string;
	images: ItemImage[];
	mask?: ItemImage;
}

/**
 * Reads and checks the edit of one item, for the multipart request Edit sends and for the JSON
 * request of a batch line (`imageEditJsonBody`): one reader, so both refuse the same input.
 */
export async function readImageEdit(n8n: IExecuteFunctions, itemIndex: number): Promise<ImageEdit> {
	const request = readImageRequest(n8n, itemIndex, 'edit');
	const prompt = readPrompt(n8n, itemIndex, request.model);
	const family = imageFamily(request.model);
	const names = splitNames(String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? ''));
	if (names.length === 0) {
		throw inputError(n8n, itemIndex, `The "${IMAGES_PARAMETER}" parameter is empty`, 'Enter the binary property that holds the image, e.g. data.');
	}
	const maxImages = family === 'dall-e-2' ? 1 : 16;
	if (names.length > maxImages) {
		throw inputError(n8n, itemIndex, `The "${IMAGES_PARAMETER}" parameter names ${names.length} images; ${request.model} edits at most ${maxImages}`, 'Remove images from the list, or use a gpt-image model (up to 16 images).');
	}
	const accepted = family === 'dall-e-2' ? PNG_ONLY : IMAGE_TYPES;
	const maxBytes = family === 'dall-e-2' ? 4 * MB : 50 * MB;
	const images = await Promise.all(names.map((name) => readImage(n8n, itemIndex, name, IMAGES_PARAMETER, accepted, maxBytes)));
	const first = images[0];
	if (family === 'dall-e-2' && first.size && first.size.width !== first.size.height) {
		throw inputError(n8n, itemIndex, `The image in "${IMAGES_PARAMETER}" is ${first.size.width}x${first.size.height}; dall-e-2 edits only square images`, 'Crop the image to a square, or use a gpt-image model.');
	}

	let mask: ItemImage | undefined;
	const maskName = String(n8n.getNodeParameter('maskPropertyName', itemIndex, '') ?? '').trim();
	if (maskName) {
		mask = await readImage(n8n, itemIndex, maskName, MASK_PARAMETER, PNG_ONLY, maxBytes);
		if (mask.size && first.size && (mask.size.width !== first.size.width || mask.size.height !== first.size.height)) {
			throw inputError(
				n8n,
				itemIndex,
				`The mask in "${MASK_PARAMETER}" is ${mask.size.width}x${mask.size.height} but the image is ${first.size.width}x${first.size.height}; they must be the same size`,
				'Resize the mask to the size of the (first) image.',
			);
		}
	}
	return { request, prompt, images, mask };
}

/** The longest image reference OpenAI takes in a JSON edit (a data URL of about 15 MB of image). */
export const MAX_IMAGE_URL_LENGTH = 20 * MB;

/**
 * The JSON form of an edit (the one a batch line can carry): the images and the mask as data URLs.
 * OpenAI takes JSON edits for gpt-image models only (dall-e-2 edits need an upload).
 */
export function imageEditJsonBody(n8n: IExecuteFunctions, itemIndex: number, edit: ImageEdit): Record<string, unknown> {
	const { request, prompt, images, mask } = edit;
	if (imageFamily(request.model) === 'dall-e-2') {
		throw inputError(
			n8n,
			itemIndex,
			'dall-e-2 edits need the image uploaded with the request, which a batch line cannot carry',
			'Use a gpt-image model for batch edits, or Image → Edit for dall-e-2.',
		);
	}
	const reference = (image: ItemImage, parameter: string) => {
		const url = `data:${image.input.mimeType};base64,${image.data.toString('base64')}`;
		if (url.length > MAX_IMAGE_URL_LENGTH) {
			throw inputError(
				n8n,
				itemIndex,
				`The image "${image.input.fileName}" in "${parameter}" is ${formatBytes(image.data.length)}; a batch line carries images as data URLs of at most ${formatBytes(MAX_IMAGE_URL_LENGTH)} (about 15 MB of image)`,
				'Make the image smaller, or edit it with Image → Edit.',
			);
		}
		return { image_url: url };
	};
	return {
		model: request.model,
		prompt,
		images: images.map((image) => reference(image, IMAGES_PARAMETER)),
		...(mask ? { mask: reference(mask, MASK_PARAMETER) } : {}),
		...imageRequestFields(request),
	};
}

/** One image (or mask) of the item: type and size checked, bytes read, dimensions parsed. */
async function readImage(
	n8n: IExecuteFunctions,
	itemIndex: number,
	name: string,
	parameter: string,
	accepted: AcceptedTypes,
	maxBytes: number,
): Promise<{ input: BinaryInput; data: Buffer; size: ReturnType<typeof imageDimensions> }> {
	const input = await describeBinary(n8n, itemIndex, name, parameter);
	checkType(n8n, itemIndex, input, accepted);
	checkSize(n8n, itemIndex, input, maxBytes, 'image edits');
	const data = await readBinaryInput(n8n, itemIndex, input);
	return { input, data, size: imageDimensions(data) };
}
