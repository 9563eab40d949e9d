import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, readLimit, take } from '../../../shared/list';
import { checkShape } from '../../../shared/shape';
import type { Operation } from '../types';
import { MODEL_LIST, modelListShape } from './answer';

const properties: INodeProperties[] = [
	...listProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'ID Contains',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. gpt-4o',
				description: 'Only models whose ID contains this text (case-insensitive)',
			},
			{
				displayName: 'Fine-Tuned Only',
				name: 'fineTunedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only fine-tuned models (IDs starting with ft:)',
			},
			{
				displayName: 'Owned By',
				name: 'ownedBy',
				type: 'string',
				default: '',
				placeholder: 'e.g. system',
				description: 'Only models with this owner (system, openai, or your organization)',
			},
		],
	},
];

export const getAllModels: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many models',
	description: 'List the models your key can use',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as {
			search?: string;
			fineTunedOnly?: boolean;
			ownedBy?: string;
		};
		const needle = (filters.search ?? '').trim().toLowerCase();
		const owner = (filters.ownedBy ?? '').trim();
		// one page holds every model; the filters apply to all of them
		const all = checkShape(await take(transport.client.models.list(), Infinity, 'GET /models', { paged: false }), modelListShape, MODEL_LIST);
		const models: IDataObject[] = [];
		for (const model of all) {
			if (needle && !model.id.toLowerCase().includes(needle)) continue;
			if (filters.fineTunedOnly && !model.id.startsWith('ft:')) continue;
			if (owner && model.owned_by !== owner) continue;
			models.push({ ...model });
			if (models.length >= limit) break;
		}
		return toItems(models);
	},
};
