import type { IDataObject } from 'n8n-workflow';

import { binaryItem, binaryOutputOption, readOutputProperty, readResponseBody } from '../shared/mediaBinary';
import type { ItemOperation } from '../types';
import { fileIdProperty, readFileId } from './fileId';

export const downloadFile: ItemOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download a file',
	description: "Download a file's content as binary data (batch results, fine-tuning results, your uploads)",
	properties: [
		fileIdProperty,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [binaryOutputOption],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readFileId(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const file = await transport.client.files.retrieve(id);
		const content = await readResponseBody(await transport.client.files.content(id));
		const mimeType = /\.jsonl$/i.test(file.filename) ? 'application/jsonl' : undefined;
		return [await binaryItem(n8n, { ...file }, readOutputProperty(options.binaryPropertyOutput), content, file.filename, mimeType)];
	},
};
