import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { orderProperty, readOrder } from '../shared/order';
import { oneOf } from '../shared/values';
import type { ItemOperation } from '../types';
import { readVectorStoreId, vectorStoreIdProperty } from './ids';

export const FILE_STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** The Options of the file lists (Get Many Files, Get File Batch Files): status filter and order. */
export const fileListOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		orderProperty('desc'),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Cancelled', value: 'cancelled' },
				{ name: 'Completed', value: 'completed' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'In Progress', value: 'in_progress' },
			],
			default: 'completed',
			description: 'Only files with this processing status',
		},
	],
};

export function readFileListQuery(n8n: Parameters<ItemOperation['execute']>[0]['n8n'], itemIndex: number, limit: number) {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const order = readOrder(n8n, itemIndex, options.order);
	const filter = oneOf(n8n, itemIndex, options.status, 'Status', FILE_STATUSES) as FileStatus | undefined;
	return { limit: pageSize(limit), ...(order ? { order } : {}), ...(filter ? { filter } : {}) };
}

export const getVectorStoreFiles: ItemOperation = {
	value: 'getFiles',
	name: 'Get Many Files',
	action: 'Get many files of a vector store',
	description: 'List the files of a vector store with their processing status, following the API pages',
	properties: [vectorStoreIdProperty, ...listProperties(), fileListOptions],
	async execute({ n8n, transport, itemIndex }) {
		const vectorStoreId = readVectorStoreId(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const query = readFileListQuery(n8n, itemIndex, limit);
		const files = await take(transport.client.vectorStores.files.list(vectorStoreId, query), limit, `the files of vector store ${vectorStoreId}`);
		return toItems(files.map((file) => ({ ...file }) as IDataObject));
	},
};
