import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { imageMimeType } from '../shared/mediaImage';
import type { BatchEndpoint } from './endpoints';

/**
 * A result of an image endpoint (generations, edits) as an output item like Image → Generate/Edit
 * make: each base64 image becomes a binary file of the item — the first under `property`, the next
 * under `property_2`, … — and leaves the JSON, where its entry names the binary property instead.
 * Results of other endpoints, failed results and images given as URLs stay as they are.
 */
export async function resultItem(
	n8n: IExecuteFunctions,
	endpoint: Pick<BatchEndpoint, 'imageFileStem'> | undefined,
	json: IDataObject,
	property = 'data',
): Promise<INodeExecutionData> {
	const response = json.response as IDataObject | null | undefined;
	const data = response?.data;
	if (!endpoint?.imageFileStem || json.status !== 'succeeded' || !Array.isArray(data)) return { json };
	const format = typeof response?.output_format === 'string' && /^(png|jpeg|webp)$/.test(response.output_format) ? response.output_format : 'png';
	const extension = format === 'jpeg' ? 'jpg' : format;
	const binary: IBinaryKeyData = {};
	const entries: unknown[] = [];
	for (const [index, entry] of data.entries()) {
		const b64 = (entry as IDataObject | null)?.b64_json;
		if (typeof b64 !== 'string' || b64 === '') {
			entries.push(entry);
			continue;
		}
		const name = index === 0 ? property : `${property}_${index + 1}`;
		const stem = `${endpoint.imageFileStem}-${String(json.itemIndex ?? json.custom_id)}${data.length > 1 ? `-${index + 1}` : ''}`;
		binary[name] = await n8n.helpers.prepareBinaryData(Buffer.from(b64, 'base64'), `${stem}.${extension}`, imageMimeType(format));
		const { b64_json: _data, ...rest } = entry as IDataObject;
		entries.push({ ...rest, binary: name });
	}
	if (Object.keys(binary).length === 0) return { json };
	return { json: { ...json, response: { ...response, data: entries } as IDataObject }, binary };
}
