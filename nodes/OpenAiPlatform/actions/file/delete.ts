import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { FILE_DELETION, fileDeletionShape } from './answer';
import { fileIdProperty, readFileId } from './fileId';

export const deleteFile: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a file',
	description: 'Delete a file from OpenAI',
	properties: [fileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const result = await checkedCall(transport.client.files.delete(readFileId(n8n, itemIndex)), fileDeletionShape, FILE_DELETION);
		return toItems({ ...result });
	},
};
