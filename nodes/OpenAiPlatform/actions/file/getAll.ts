import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { FileListParams } from 'openai/resources/files';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { orderProperty, readOrder } from '../shared/order';

/** Page size when returning everything (the API allows up to 10,000 per page). */
export const FILE_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	...listProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			orderProperty('desc'),
			{
				displayName: 'Purpose',
				name: 'purpose',
				type: 'options',
				default: 'batch',
				options: [
					{ name: 'Assistants', value: 'assistants' },
					{ name: 'Assistants Output', value: 'assistants_output' },
					{ name: 'Batch', value: 'batch' },
					{ name: 'Batch Output', value: 'batch_output' },
					{ name: 'Evals', value: 'evals' },
					{ name: 'Fine-Tune', value: 'fine-tune' },
					{ name: 'Fine-Tune Results', value: 'fine-tune-results' },
					{ name: 'User Data', value: 'user_data' },
					{ name: 'Vision', value: 'vision' },
				],
				description: 'Only files with this purpose',
			},
		],
	},
];

export const getAllFiles: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many files',
	description: 'List uploaded files, newest first, following the API pages',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as { order?: unknown; purpose?: string };
		const order = readOrder(n8n, itemIndex, filters.order);
		const query: FileListParams = {
			limit: pageSize(limit, FILE_PAGE_SIZE),
			...(order ? { order } : {}),
			...(filters.purpose ? { purpose: filters.purpose } : {}),
		};
		const files = await take(transport.client.files.list(query), limit, 'GET /files');
		return toItems(files.map((file) => ({ ...file }) as IDataObject));
	},
};
