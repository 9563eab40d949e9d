import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';
import { fileIdProperty, readFileId } from './fileId';

export const deleteFile: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a file',
	description: 'Delete a file from OpenAI',
	properties: [fileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const result = await transport.client.files.delete(readFileId(n8n, itemIndex));
		return toItems({ ...result });
	},
};
