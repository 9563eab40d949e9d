import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionListParams } from 'openai/resources/chat/completions/completions';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { inputError } from '../shared/errors';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import { orderProperty, readOrder } from '../shared/order';
import type { Operation } from '../types';

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		metadataProperty('Only completions whose metadata has all of these key/value pairs'),
		{
			displayName: 'Model',
			name: 'model',
			type: 'string',
			default: '',
			placeholder: 'e.g. gpt-4o-mini',
			description: 'Only completions made with this model',
		},
		orderProperty('asc'),
	],
};

export const getManyStoredCompletions: Operation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many stored completions',
	description: 'List stored chat completions (made with Store on), oldest first unless Order says otherwise, filtered by model and metadata',
	properties: [...listProperties(), filters],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const chosen = n8n.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		if (chosen.model !== undefined && typeof chosen.model !== 'string') {
			throw inputError(n8n, itemIndex, 'The "Model" filter must be a model ID', 'Enter a model ID such as gpt-4o-mini.');
		}
		const model = typeof chosen.model === 'string' ? chosen.model.trim() : '';
		const metadata = readMetadataEntries(n8n, itemIndex, chosen.metadata);
		const order = readOrder(n8n, itemIndex, chosen.order);
		const query: ChatCompletionListParams = {
			limit: pageSize(limit),
			...(model ? { model } : {}),
			...(metadata ? { metadata } : {}),
			...(order ? { order } : {}),
		};
		const completions = await take(transport.client.chat.completions.list(query), limit, 'GET /chat/completions');
		return toItems(completions.map((completion) => ({ ...completion }) as IDataObject));
	},
};
