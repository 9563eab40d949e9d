import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseInput, ResponseInputMessageContentList } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import type { MessageInput } from '../shared/messages';
import { messagesProperty, readMessages } from '../shared/messages';
import { readText } from '../shared/values';

/** Input as one text, or as messages with images (the same editor as Chat). */
export const inputProperties: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		options: [
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
