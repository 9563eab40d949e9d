import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { oneOf } from './values';

/** The sort order of a list of items (input items, conversation items, stored chat completions, messages). */
export function orderProperty(apiDefault: 'asc' | 'desc'): INodeProperties {
	return {
		displayName: 'Order',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'desc' },
			{ name: 'Oldest First', value: 'asc' },
		],
		default: apiDefault,
		description: `The order of the list (OpenAI's default: ${apiDefault === 'desc' ? 'newest first' : 'oldest first'})`,
	};
}

export function readOrder(n8n: IExecuteFunctions, itemIndex: number, value: unknown): 'asc' | 'desc' | undefined {
	return oneOf(n8n, itemIndex, value, 'Order', ['asc', 'desc']) as 'asc' | 'desc' | undefined;
}
