import type { IDataObject } from 'n8n-workflow';
import type { FileBatchCreateParams } from 'openai/resources/vector-stores/file-batches';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import type { ItemOperation } from '../types';
import { FILE_BATCH, fileBatchShape } from './answer';
import { readIdList, readVectorStoreId, vectorStoreIdProperty } from './ids';
import { attributesProperty, chunkingOptions, readAttributes, readChunking } from './storeOptions';
import { readWait, waitOptions, waitUntilProcessed } from './waitProcessed';

/** OpenAI's limit of files in one batch. */
export const MAX_BATCH_FILE_IDS = 2000;

export const createVectorStoreFileBatch: ItemOperation = {
	value: 'createFileBatch',
	name: 'Create File Batch',
	action: 'Add many files to a vector store in one batch',
	description: 'Add up to 2,000 uploaded files to a vector store at once, with the same attributes and chunking',
	properties: [
		vectorStoreIdProperty,
		{
			displayName: 'File IDs',
			name: 'fileIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. file-abc123, file-def456',
			description: 'The uploaded files to add, separated by commas, or a list from an expression (up to 2,000)',
		},
		attributesProperty('Up to 16 key/value pairs stored with every file of the batch'),
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [...chunkingOptions, ...waitOptions] },
	],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const fileIds = readIdList(n8n, itemIndex, n8n.getNodeParameter('fileIds', itemIndex, ''), 'File IDs', MAX_BATCH_FILE_IDS);
		if (fileIds.length === 0) throw inputError(n8n, itemIndex, 'The "File IDs" parameter is empty', 'Enter the IDs of uploaded files (file-…) separated by commas, or map a list.');
		const attributes = readAttributes(n8n, itemIndex, n8n.getNodeParameter('attributes', itemIndex, {}));
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const chunking = readChunking(n8n, itemIndex, options);
		const wait = readWait(n8n, itemIndex, options);
		const body: FileBatchCreateParams = { file_ids: fileIds, ...(attributes ? { attributes } : {}), ...(chunking ? { chunking_strategy: chunking } : {}) };
		let batch = await checkedCall(transport.client.vectorStores.fileBatches.create(vectorStoreId, body), fileBatchShape, FILE_BATCH);
		if (wait) {
			batch = await waitUntilProcessed(n8n, transport, itemIndex, batch, wait, { shape: fileBatchShape, what: FILE_BATCH, label: 'File batch' }, async () =>
				await transport.client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: vectorStoreId }).withResponse(),
			);
		}
		return toItems({ ...batch } as IDataObject);
	},
};
