import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ImagesResponse } from 'openai/resources/images';

import { normaliseUsage, shareUsage } from '../../../shared/tokenUsage';
import { binaryItem } from '../shared/mediaBinary';
import { imageMimeType } from '../shared/mediaImage';
import type { ImageRequest } from './imageParameters';

/**
 * One output item per image: the file under the output property (or its URL), the prompt OpenAI
 * actually used (dall-e-3), the image settings, and the request's token usage split across the
 * images so that summing the items gives the request's usage.
 */
export async function imageItems(
	n8n: IExecuteFunctions,
	request: ImageRequest,
	response: ImagesResponse,
	fileStem: string,
): Promise<INodeExecutionData[]> {
	const images = response.data ?? [];
	const format = response.output_format ?? request.options.outputFormat ?? 'png';
	const usages = response.usage ? shareUsage(normaliseUsage(response.usage as unknown as IDataObject), images.map(() => 1)) : [];
	const items: INodeExecutionData[] = [];
	for (const [index, image] of images.entries()) {
		const json: IDataObject = {
			model: request.model,
			index,
			created: response.created,
			...(response.size ? { size: response.size } : request.options.size ? { size: request.options.size } : {}),
			...(response.quality ? { quality: response.quality } : {}),
			...(response.background ? { background: response.background } : {}),
			format,
			...(image.revised_prompt ? { revised_prompt: image.revised_prompt } : {}),
			...(usages[index] ? { usage: usages[index] } : {}),
		};
		if (image.b64_json) {
			const fileName = `${fileStem}${images.length > 1 ? `-${index + 1}` : ''}.${format === 'jpeg' ? 'jpg' : format}`;
			items.push(await binaryItem(n8n, json, request.outputProperty, Buffer.from(image.b64_json, 'base64'), fileName, imageMimeType(format)));
		} else {
			items.push({ json: { ...json, url: image.url ?? null } });
		}
	}
	return items;
}
