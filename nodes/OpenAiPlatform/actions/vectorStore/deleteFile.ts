import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { deletionShape, VECTOR_STORE_FILE_DELETION } from './answer';
import { readStoreFileId, readVectorStoreId, storeFileIdProperty, vectorStoreIdProperty } from './ids';

export const deleteVectorStoreFile: ItemOperation = {
	value: 'deleteFile',
	name: 'Delete File',
	action: 'Remove a file from a vector store',
	description: 'Remove a file from a vector store (the uploaded file itself stays; delete it with File → Delete)',
	properties: [vectorStoreIdProperty, storeFileIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const fileId = readStoreFileId(n8n, itemIndex);
		const result = await checkedCall(transport.client.vectorStores.files.delete(fileId, { vector_store_id: vectorStoreId }), deletionShape, VECTOR_STORE_FILE_DELETION);
		return toItems({ ...result } as IDataObject);
	},
};
