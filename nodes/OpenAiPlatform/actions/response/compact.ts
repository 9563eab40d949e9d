import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ResponseCompactParams } from 'openai/resources/responses/responses';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { normaliseUsage } from '../../../shared/tokenUsage';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { readText } from '../shared/values';
import type { Operation } from '../types';
import { COMPACTION, compactionShape } from './answer';
import { inputProperties, readResponseInput } from './input';
import { previousResponseIdOption } from './options';

const compactOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			...previousResponseIdOption,
			description: 'Compact the conversation up to this stored response (its input and output), followed by the Input if any',
		},
	],
};

export const compactResponse: Operation = {
	value: 'compact',
	name: 'Compact',
	action: 'Compact a conversation',
	description:
		'Shrink a long conversation (an earlier response and/or input items) into a compact context: pass the output items as the input of the next Response → Create',
	properties: [
		modelLocator({
			searchListMethod: 'searchChatModels',
			default: { mode: 'list', value: 'gpt-4o-mini' },
			description: 'The model that compacts (use the model the conversation continues with)',
		}),
		...inputProperties,
		{
			displayName: 'Instructions',
			name: 'instructions',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'The instructions (system message) of the conversation',
		},
		compactOptions,
	],
	async execute({ n8n, transport, itemIndex }) {
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const previousValue = options.previousResponseId;
		const previous = typeof previousValue === 'string' ? previousValue.trim() : '';
		if (previousValue !== undefined && typeof previousValue !== 'string') {
			throw inputError(n8n, itemIndex, 'The "Previous Response ID" option must be an ID', 'Enter one ID as text, e.g. {{ $json.id }}.');
		}
		const input = await readResponseInput(n8n, itemIndex, { optional: previous !== '' });
		const instructions = readText(n8n, itemIndex, 'instructions');
		const body: ResponseCompactParams = {
			model: readModelId(n8n, itemIndex),
			...(input !== undefined ? { input } : {}),
			...(instructions.trim() ? { instructions } : {}),
			...(previous ? { previous_response_id: previous } : {}),
		};
		const compacted = await checkedCall(transport.client.responses.compact(body), compactionShape, COMPACTION);
		return toItems({
			...(compacted as unknown as IDataObject),
			usage: normaliseUsage(compacted.usage as unknown as IDataObject),
		});
	},
};
