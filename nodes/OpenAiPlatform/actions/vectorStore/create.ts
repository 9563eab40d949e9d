import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { VectorStoreCreateParams } from 'openai/resources/vector-stores/vector-stores';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import type { ItemOperation } from '../types';
import { VECTOR_STORE, vectorStoreShape } from './answer';
import { readIdList } from './ids';
import { chunkingOptions, expiresAfterOption, readChunking, readExpiresAfter } from './storeOptions';

/** OpenAI's limit of file IDs in one create request. */
export const MAX_CREATE_FILE_IDS = 500;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Support articles',
		description: 'The name of the vector store',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...chunkingOptions,
			expiresAfterOption('Delete the store this many days after it was last used (1 to 365)'),
			{
				displayName: 'File IDs',
				name: 'fileIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. file-abc123, file-def456',
				description: 'Files (uploaded with purpose Assistants) to add at once, separated by commas (up to 500)',
			},
			metadataProperty('Up to 16 key/value pairs stored with the vector store'),
		],
	},
];

export const createVectorStore: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a vector store',
	description: 'Create a vector store for file search, optionally with its first files',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const name = String(n8n.getNodeParameter('name', itemIndex, '') ?? '').trim();
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const fileIds = readIdList(n8n, itemIndex, options.fileIds, 'File IDs', MAX_CREATE_FILE_IDS);
		const chunking = readChunking(n8n, itemIndex, options);
		const expiresAfter = readExpiresAfter(n8n, itemIndex, options.expiresAfterDays, false);
		const metadata = readMetadataEntries(n8n, itemIndex, options.metadata);
		const body: VectorStoreCreateParams = {
			...(name ? { name } : {}),
			...(fileIds.length > 0 ? { file_ids: fileIds } : {}),
			...(chunking ? { chunking_strategy: chunking } : {}),
			...(expiresAfter ? { expires_after: expiresAfter } : {}),
			...(metadata ? { metadata } : {}),
		};
		const store = await checkedCall(transport.client.vectorStores.create(body), vectorStoreShape, VECTOR_STORE);
		return toItems({ ...store } as IDataObject);
	},
};
