import type { IDataObject } from 'n8n-workflow';

import { checkedCall } from '../../../shared/shape';
import { checkedBinary } from '../shared/binaryAnswer';
import { MB, binaryItem, binaryOutputOption, readOutputProperty, readResponseContent, type BinaryContent } from '../shared/mediaBinary';
import type { ItemOperation } from '../types';
import { contentOf, downloadableFileShape, FILE, fileContentRule, refuseErrorObject } from './answer';
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
		const file = await checkedCall(transport.client.files.retrieve(id), downloadableFileShape, FILE);
		const expected = contentOf(file.filename);
		const response = await checkedBinary(transport.client.files.content(id), expected, fileContentRule(file.filename));
		// Files up to 1 MB are read (n8n then also recognises their type by content); bigger ones are
		// written into n8n's binary store as they arrive.
		const content = await readResponseContent(response, { inMemory: file.bytes <= MB });
		if (Buffer.isBuffer(content)) refuseErrorObject(content, response, expected);
		const mimeType = mimeTypeOf(file.filename, content);
		return [await binaryItem(n8n, { ...file }, readOutputProperty(options.binaryPropertyOutput), content, file.filename, mimeType)];
	},
};

/** Undefined lets n8n choose: from the file name, and from the bytes when it has them. */
function mimeTypeOf(fileName: string, content: BinaryContent): string | undefined {
	if (/\.jsonl$/i.test(fileName)) return 'application/jsonl';
	// a stream of a file without an extension would otherwise become text/plain
	if (!Buffer.isBuffer(content) && !/\.[A-Za-z0-9]+$/.test(fileName)) return 'application/octet-stream';
	return undefined;
}
