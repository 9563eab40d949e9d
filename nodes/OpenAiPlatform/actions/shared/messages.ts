import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from './errors';
import { readImageUrls } from './images';

export type MessageRole = 'system' | 'developer' | 'user' | 'assistant';
export type ImageDetail = 'auto' | 'low' | 'high';

/** One message as the user entered it, images already resolved to URLs (data: URLs for files). */
export interface MessageInput {
	role: MessageRole;
	text: string;
	images: string[];
	imageDetail: ImageDetail;
}

interface RawMessage {
	role?: string;
	content?: unknown;
	imageUrls?: string;
	imageBinaryProperties?: string;
	imageDetail?: string;
}

const ROLES: readonly MessageRole[] = ['system', 'developer', 'user', 'assistant'];
const DETAILS: readonly ImageDetail[] = ['auto', 'low', 'high'];

/** The message editor shared by Chat → Message a Model and Response → Create. */
export function messagesProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { values: [{ role: 'user', content: '' }] },
		description: 'The conversation so far, in order. The model answers the last message.',
		options: [
			{
				displayName: 'Message',
				name: 'values',
				values: [
					{
						displayName: 'Image Binary Properties',
						name: 'imageBinaryProperties',
						type: 'string',
						default: '',
						placeholder: 'e.g. data',
						description:
							'Images from the input item (user messages only): the names of its binary properties, separated by commas. They are sent inline.',
					},
					{
						displayName: 'Image Detail',
						name: 'imageDetail',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto', description: 'Let the model decide' },
							{ name: 'High', value: 'high', description: 'Full resolution: more detail, more input tokens' },
							{ name: 'Low', value: 'low', description: 'A 512 px version: faster and cheaper' },
						],
						default: 'auto',
						description: 'How closely the model looks at the images of this message',
					},
					{
						displayName: 'Image URLs',
						name: 'imageUrls',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/photo.png',
						description:
							'Images the model should look at (user messages only): http(s) or data: URLs, one per line or separated by commas',
					},
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{
								name: 'Assistant',
								value: 'assistant',
								description: 'An earlier answer of the model (for few-shot examples or a conversation)',
							},
							{
								name: 'Developer',
								value: 'developer',
								description: 'Instructions the model follows over user messages (newer models; replaces System)',
							},
							{
								name: 'System',
								value: 'system',
								description: 'Instructions for how the model behaves',
							},
							{ name: 'User', value: 'user', description: 'What the user asks or says' },
						],
						default: 'user',
					},
					{
						displayName: 'Text',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						placeholder: 'e.g. Summarize this support ticket in one sentence',
						description: 'The text of the message',
					},
				],
			},
		],
		...overrides,
	};
}

/**
 * The messages of one item, validated before any request: at least one; each with text or
 * images; a valid role; images only on user messages; binary images present and of an image type.
 */
export async function readMessages(n8n: IExecuteFunctions, itemIndex: number): Promise<MessageInput[]> {
	const raw = n8n.getNodeParameter('messages.values', itemIndex, []) as RawMessage[];
	const list = Array.isArray(raw) ? raw : [];
	if (list.length === 0) {
		throw inputError(
			n8n,
			itemIndex,
			'The "Messages" parameter is empty',
			'Add at least one message (usually a User message with the text to send).',
		);
	}
	const messages: MessageInput[] = [];
	for (const [index, message] of list.entries()) {
		const number = index + 1;
		const role = (message.role ?? 'user') as MessageRole;
		if (!ROLES.includes(role)) {
			throw inputError(
				n8n,
				itemIndex,
				`Message ${number} of the "Messages" parameter has an unknown role "${String(message.role)}"`,
				`Use one of: ${ROLES.join(', ')}.`,
			);
		}
		const text = toText(message.content);
		const hasImageInput = !!(message.imageUrls?.trim() || message.imageBinaryProperties?.trim());
		if (hasImageInput && role !== 'user') {
			throw inputError(
				n8n,
				itemIndex,
				`Message ${number} of the "Messages" parameter is a ${role} message with images; only user messages can carry images`,
				`Move the images to a User message, or change the role of message ${number} to User.`,
			);
		}
		const images = hasImageInput
			? await readImageUrls(n8n, itemIndex, {
					urls: message.imageUrls,
					binaryProperties: message.imageBinaryProperties,
					urlsName: `Image URLs (message ${number})`,
					binaryName: `Image Binary Properties (message ${number})`,
				})
			: [];
		if (text.trim() === '' && images.length === 0) {
			throw inputError(
				n8n,
				itemIndex,
				`Message ${number} of the "Messages" parameter has no text`,
				`Enter the text of message ${number} (or images, for a user message), or remove the message.`,
			);
		}
		const detail = (message.imageDetail ?? 'auto') as ImageDetail;
		messages.push({ role, text, images, imageDetail: DETAILS.includes(detail) ? detail : 'auto' });
	}
	return messages;
}

function toText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}
