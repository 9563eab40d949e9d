import type { ImageCreateVariationParams } from 'openai/resources/images';
import { toFile } from 'openai/uploads';

import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { binaryInputProperty, checkSize, checkType, describeBinary, MB, readBinaryInput } from '../shared/mediaBinary';
import { imageDimensions, PNG_ONLY } from '../shared/mediaImage';
import type { ItemOperation } from '../types';
import { IMAGES, imagesShape } from './answer';
import { imageItems } from './imageOutput';
import { imageRequestFields, readImageRequest, variationOptions } from './imageParameters';

const IMAGE_PARAMETER = 'Input Data Field Name';

export const createImageVariation: ItemOperation = {
	value: 'createVariation',
	name: 'Create Variation',
	action: 'Create a variation of an image',
	description: 'Make variations of a square PNG image with dall-e-2',
	properties: [binaryInputProperty({ description: 'The binary property with the square PNG image (less than 4 MB)' }), variationOptions],
	async execute({ n8n, transport, itemIndex }) {
		const request = readImageRequest(n8n, itemIndex, 'variation');
		const name = String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
		const input = await describeBinary(n8n, itemIndex, name, IMAGE_PARAMETER);
		checkType(n8n, itemIndex, input, PNG_ONLY);
		checkSize(n8n, itemIndex, input, 4 * MB, 'dall-e-2 variations');
		const data = await readBinaryInput(n8n, itemIndex, input);
		const size = imageDimensions(data);
		if (size && size.width !== size.height) {
			throw inputError(n8n, itemIndex, `The image in "${IMAGE_PARAMETER}" is ${size.width}x${size.height}; variations need a square image`, 'Crop the image to a square first.');
		}
		const body = {
			model: 'dall-e-2',
			image: await toFile(data, input.fileName, { type: 'image/png' }),
			...imageRequestFields(request),
		} as ImageCreateVariationParams;
		const response = await checkedCall(transport.client.images.createVariation(body), imagesShape(request.options.n ?? 1), IMAGES);
		return await imageItems(n8n, request, response, 'variation');
	},
};

