import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { FILE, fileShape } from './answer';
import { fileIdProperty, readFileId } from './fileId';

export const getFile: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a file',
	description: "Get a file's name, size, purpose and status",
	properties: [fileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const file = await checkedCall(transport.client.files.retrieve(readFileId(n8n, itemIndex)), fileShape, FILE);
		return toItems({ ...file });
	},
};
