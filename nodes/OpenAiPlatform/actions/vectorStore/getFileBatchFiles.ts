import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { fileListOptions, readFileListQuery } from './getFiles';
import { fileBatchIdProperty, readFileBatchId, readVectorStoreId, vectorStoreIdProperty } from './ids';

export const getVectorStoreFileBatchFiles: ItemOperation = {
	value: 'getFileBatchFiles',
	name: 'Get File Batch Files',
	action: 'Get the files of a file batch',
	description: 'List the files of a file batch with their processing status, following the API pages',
	properties: [vectorStoreIdProperty, fileBatchIdProperty, ...listProperties(), fileListOptions],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const batchId = readFileBatchId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const query = { ...readFileListQuery(n8n, itemIndex, limit), vector_store_id: vectorStoreId };
		const files = await take(transport.client.vectorStores.fileBatches.listFiles(batchId, query), limit, `the files of file batch ${batchId}`);
		return toItems(files.map((file) => ({ ...file }) as IDataObject));
	},
};
