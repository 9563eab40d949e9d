import type { IDataObject } from 'n8n-workflow';
import type { VectorStoreUpdateParams } from 'openai/resources/vector-stores/vector-stores';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { inputError } from '../shared/errors';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { ItemOperation } from '../types';
import { VECTOR_STORE, vectorStoreShape } from './answer';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';
import { expiresAfterOption, readExpiresAfter } from './storeOptions';

export const updateVectorStore: ItemOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a vector store',
	description: "Change a vector store's name, expiry policy or metadata",
	properties: [
		vectorStoreIdProperty,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				expiresAfterOption('Delete the store this many days after it was last used (1 to 365); 0 removes the expiry policy'),
				metadataProperty('The new metadata: it replaces all of the current metadata'),
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name' },
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readVectorStoreId(n8n, itemIndex);
		const fields = n8n.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const expiresAfter = readExpiresAfter(n8n, itemIndex, fields.expiresAfterDays, true);
		const body: VectorStoreUpdateParams = {
			...(fields.name !== undefined ? { name: String(fields.name) } : {}),
			...(expiresAfter !== undefined ? { expires_after: expiresAfter } : {}),
			...(fields.metadata !== undefined ? { metadata: readMetadataEntries(n8n, itemIndex, fields.metadata) ?? {} } : {}),
		};
		if (Object.keys(body).length === 0) {
			throw inputError(n8n, itemIndex, 'Nothing to update: "Update Fields" is empty', 'Add the name, expiry or metadata to change.');
		}
		const store = await checkedCall(transport.client.vectorStores.update(id, body), vectorStoreShape, VECTOR_STORE);
		return toItems({ ...store } as IDataObject);
	},
};
