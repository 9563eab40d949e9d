import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseInputItem } from 'openai/resources/responses/responses';

import { readJsonItems, toResponseMessages } from '../response/input';
import { inputError } from '../shared/errors';
import { messagesProperty, readMessages } from '../shared/messages';
import { oneOf, readText } from '../shared/values';

/**
 * The items a conversation gets (Create's initial items, Add Items): one text message with a role,
 * messages from the message editor (text and images), or items as JSON (any Responses input
 * item: messages, function calls and their outputs, MCP approval responses, …).
 */
export const MAX_ITEMS_PER_REQUEST = 20;

const ROLES = ['user', 'assistant', 'developer', 'system'];

const ITEM_TYPES = [
	{ name: 'JSON', value: 'json', description: 'A JSON array of Responses input items (messages, function calls and outputs, …)' },
	{ name: 'Messages', value: 'messages', description: 'Messages with roles, text and images' },
	{ name: 'Text', value: 'text', description: 'One message of text' },
];

const initialItemsType: INodeProperties = {
	displayName: 'Initial Items',
	name: 'itemsType',
	type: 'options',
	options: [...ITEM_TYPES.slice(0, 2), { name: 'None', value: 'none', description: 'An empty conversation' }, ITEM_TYPES[2]],
	default: 'none',
	description: 'What the conversation starts with',
};

const addedItemsType: INodeProperties = {
	displayName: 'Items',
	name: 'itemsType',
	type: 'options',
	options: ITEM_TYPES,
	default: 'text',
	description: 'What to add to the conversation, after its current items',
};

export function itemsProperties(mode: 'initial' | 'add'): INodeProperties[] {
	const show = (types: string[]) => ({ show: { itemsType: types } });
	return [
		mode === 'initial' ? initialItemsType : addedItemsType,
		{
			displayName: 'Role',
			name: 'textRole',
			type: 'options',
			options: [
				{ name: 'Assistant', value: 'assistant', description: 'An answer, e.g. one a person gave' },
				{ name: 'Developer', value: 'developer', description: 'Instructions' },
				{ name: 'System', value: 'system', description: 'Instructions (older models)' },
				{ name: 'User', value: 'user', description: 'What the user said' },
			],
			default: 'user',
			description: 'Who the message is from',
			displayOptions: show(['text']),
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'e.g. My order has not arrived',
			description: 'The text of the message',
			displayOptions: show(['text']),
		},
		messagesProperty({ description: 'The messages, in order', displayOptions: show(['messages']) }),
		{
			displayName: 'Items (JSON)',
			name: 'itemsJson',
			type: 'json',
			typeOptions: { rows: 6 },
			default: '[\n  { "type": "message", "role": "user", "content": "Hello" }\n]',
			description:
				'A JSON array of input items, e.g. {"type": "message", "role": "user", "content": "…"} or {"type": "function_call_output", "call_id": "…", "output": "…"}. More than 20 are sent in several requests, in order.',
			displayOptions: show(['json']),
		},
	];
}

/** The items of one n8n item, in order; [] for "None". */
export async function readConversationItems(n8n: IExecuteFunctions, itemIndex: number): Promise<ResponseInputItem[]> {
	const type = oneOf(n8n, itemIndex, n8n.getNodeParameter('itemsType', itemIndex, 'none'), 'Items', ['none', 'text', 'messages', 'json']);
	if (type === 'messages') return toResponseMessages(await readMessages(n8n, itemIndex)) as ResponseInputItem[];
	if (type === 'text') {
		const text = readText(n8n, itemIndex, 'text');
		if (text.trim() === '') {
			throw inputError(n8n, itemIndex, 'The "Text" parameter is empty', 'Enter the text of the message, e.g. an expression such as {{ $json.message }}.');
		}
		const role = oneOf(n8n, itemIndex, n8n.getNodeParameter('textRole', itemIndex, 'user'), 'Role', ROLES) ?? 'user';
		return [{ type: 'message', role: role as 'user', content: text }];
	}
	if (type === 'json') return readJsonItems(n8n, itemIndex, 'itemsJson', 'Items (JSON)');
	return [];
}

/** Items in requests of at most 20 (the API's limit), in order. */
export function inChunks<T>(items: T[], size = MAX_ITEMS_PER_REQUEST): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
	return chunks;
}
