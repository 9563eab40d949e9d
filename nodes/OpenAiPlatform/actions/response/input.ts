import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseInput, ResponseInputItem, ResponseInputMessageContentList } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { isPlainObject, parseJsonValue } from '../shared/json';
import type { MessageInput } from '../shared/messages';
import { messagesProperty, readMessages } from '../shared/messages';
import { readText } from '../shared/values';

/**
 * Input as one text, as messages with images (the same editor as Chat), or as input items in JSON
 * (function call outputs, MCP approval responses, the output of Compact, …).
 */
export const inputProperties: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		options: [
			{ name: 'Items (JSON)', value: 'json', description: 'A JSON array of input items, e.g. the output of Compact or a function call output' },
			{ name: 'Messages', value: 'messages', description: 'A conversation of messages with roles, text and images' },
			{ name: 'Text', value: 'text', description: 'One text prompt' },
		],
		default: 'text',
		description: 'How the input is given',
	},
	{
		displayName: 'Input',
		name: 'input',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Write a haiku about databases',
		description: 'The text the model answers. Needed unless a prompt template (Options → Prompt ID) gives the request.',
		displayOptions: { show: { inputType: ['text'] } },
	},
	messagesProperty({ displayOptions: { show: { inputType: ['messages'] } } }),
	{
		displayName: 'Input Items (JSON)',
		name: 'inputJson',
		type: 'json',
		typeOptions: { rows: 6 },
		default: '[\n  { "type": "message", "role": "user", "content": "Hello" }\n]',
		description:
			'A JSON array of Responses input items, e.g. {"type": "message", "role": "user", "content": "…"}, {"type": "function_call_output", "call_id": "…", "output": "…"}, {"type": "mcp_approval_response", "approval_request_id": "…", "approve": true}, or the output items of Compact',
		displayOptions: { show: { inputType: ['json'] } },
	},
];

/**
 * The input of one item: the text, or the messages. `optional` (a prompt template gives the
 * instructions): an empty text is left out instead of refused.
 */
export async function readResponseInput(
	n8n: IExecuteFunctions,
	itemIndex: number,
	{ optional = false }: { optional?: boolean } = {},
): Promise<string | ResponseInput | undefined> {
	const type = n8n.getNodeParameter('inputType', itemIndex, 'text') as string;
	if (type === 'messages') return toResponseMessages(await readMessages(n8n, itemIndex));
	if (type === 'json') return readJsonItems(n8n, itemIndex, 'inputJson', 'Input Items (JSON)');
	const text = readText(n8n, itemIndex, 'input');
	if (text.trim() === '') {
		if (optional) return undefined;
		throw inputError(
			n8n,
			itemIndex,
			'The "Input" parameter is empty',
			'Enter the text the model should answer, e.g. an expression such as {{ $json.question }}.',
		);
	}
	return text;
}

/** The editor's messages as Responses input messages: images become input_image parts. */
export function toResponseMessages(messages: MessageInput[]): ResponseInput {
	return messages.map(({ role, text, images, imageDetail }) => {
		if (images.length === 0) return { role, content: text };
		const parts: ResponseInputMessageContentList = [];
		if (text.trim() !== '') parts.push({ type: 'input_text', text });
		for (const url of images) parts.push({ type: 'input_image', image_url: url, detail: imageDetail });
		return { role, content: parts };
	});
}

/**
 * Input items typed as JSON (a list, or one object): each an object with a "type" or a "role"; a
 * message needs its "content". The API checks the rest of each item.
 */
export function readJsonItems(n8n: IExecuteFunctions, itemIndex: number, name: string, displayName: string): ResponseInputItem[] {
	const value = parseJsonValue(n8n, itemIndex, n8n.getNodeParameter(name, itemIndex, '') as unknown, displayName, 'parameter');
	const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
	if (list.length === 0) {
		throw inputError(n8n, itemIndex, `The "${displayName}" parameter has no items`, 'Write a JSON array with at least one item, e.g. [{"type": "message", "role": "user", "content": "Hello"}].');
	}
	list.forEach((entry, index) => {
		const fail = (problem: string) =>
			inputError(n8n, itemIndex, `Item ${index + 1} of the "${displayName}" parameter ${problem}`, 'Each item is an object with a "type" (e.g. "message" with "role" and "content"), as the Responses API takes input items.');
		if (!isPlainObject(entry)) throw fail('is not a JSON object');
		if (entry.type === undefined && entry.role === undefined) throw fail('has neither a "type" nor a "role"');
		if (entry.type !== undefined && (typeof entry.type !== 'string' || entry.type === '')) throw fail('has a "type" that is not text');
		if ((entry.type === undefined || entry.type === 'message') && (entry.content === undefined || entry.content === null)) throw fail('is a message without "content"');
	});
	return list as ResponseInputItem[];
}
