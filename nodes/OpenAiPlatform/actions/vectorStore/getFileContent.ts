import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { contentPartShape } from './answer';
import { readStoreFileId, readVectorStoreId, storeFileIdProperty, vectorStoreIdProperty } from './ids';

/** The parts of one file's parsed content a run reads at most. */
const MAX_PARTS = 10_000;

export const getVectorStoreFileContent: ItemOperation = {
	value: 'getFileContent',
	name: 'Get File Content',
	action: 'Get the parsed content of a vector store file',
	description: 'Get the text OpenAI extracted from a vector store file, as one item with its parts and their joined text',
	properties: [vectorStoreIdProperty, storeFileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const fileId = readStoreFileId(n8n, itemIndex);
		const parts = await take(transport.client.vectorStores.files.content(fileId, { vector_store_id: vectorStoreId }), MAX_PARTS, `the content of file ${fileId}`, {
			paged: false,
			entry: contentPartShape,
		});
		const text = parts.map((part) => part.text ?? '').join('\n\n');
		return toItems({ vector_store_id: vectorStoreId, file_id: fileId, text, content: parts as unknown as IDataObject[] });
	},
};
