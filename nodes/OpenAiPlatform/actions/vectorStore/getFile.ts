import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VECTOR_STORE_FILE, vectorStoreFileShape } from './answer';
import { readStoreFileId, readVectorStoreId, storeFileIdProperty, vectorStoreIdProperty } from './ids';

export const getVectorStoreFile: ItemOperation = {
	value: 'getFile',
	name: 'Get File',
	action: 'Get a file of a vector store',
	description: "Get a vector store file's processing status, size, attributes and chunking",
	properties: [vectorStoreIdProperty, storeFileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const fileId = readStoreFileId(n8n, itemIndex);
		const file = await checkedCall(transport.client.vectorStores.files.retrieve(fileId, { vector_store_id: vectorStoreId }), vectorStoreFileShape, VECTOR_STORE_FILE);
		return toItems({ ...file } as IDataObject);
	},
};
