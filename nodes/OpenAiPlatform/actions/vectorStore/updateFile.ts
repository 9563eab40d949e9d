import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VECTOR_STORE_FILE, vectorStoreFileShape } from './answer';
import { readStoreFileId, readVectorStoreId, storeFileIdProperty, vectorStoreIdProperty } from './ids';
import { attributesProperty, readAttributes } from './storeOptions';

export const updateVectorStoreFile: ItemOperation = {
	value: 'updateFile',
	name: 'Update File Attributes',
	action: 'Update the attributes of a vector store file',
	description: "Replace a vector store file's attributes (no attributes: they are cleared)",
	properties: [vectorStoreIdProperty, storeFileIdProperty, attributesProperty('The new attributes: they replace all of the current ones')],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const fileId = readStoreFileId(n8n, itemIndex);
		const attributes = readAttributes(n8n, itemIndex, n8n.getNodeParameter('attributes', itemIndex, {})) ?? null;
		const file = await checkedCall(transport.client.vectorStores.files.update(fileId, { vector_store_id: vectorStoreId, attributes }), vectorStoreFileShape, VECTOR_STORE_FILE);
		return toItems({ ...file } as IDataObject);
	},
};
