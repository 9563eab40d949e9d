import { invalidEnumValue, missingParameter } from '../../errors';
import { asArray, asObject, asString, isObject } from './fields';
import { badRequest } from './requestErrors';
import { countTokens, IMAGE_TOKENS, TOKENS_PER_MESSAGE } from './tokens';

/**
 * Chat Completions `messages`, validated like the live API, reduced to what the fake needs:
 * role, the text, the number of images, and the token count of each message.
 */
export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface ChatMessage {
	role: ChatRole;
	/** the text parts joined by newlines (tool calls of assistant messages as JSON) */
	text: string;
	images: number;
	/** TOKENS_PER_MESSAGE + text tokens + IMAGE_TOKENS per image */
	tokens: number;
}

const ROLES: readonly ChatRole[] = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const PART_TYPES = ['text', 'image_url', 'input_audio', 'file'];
const ASSISTANT_PART_TYPES = ['text', 'refusal'];

export function readChatMessages(value: unknown, vision: boolean): ChatMessage[] {
	if (value === undefined || value === null) throw missingParameter('messages');
	return asArray(value, 'messages', { nonEmpty: true }).map((entry, index) => readMessage(entry, `messages[${index}]`, vision));
}

function readMessage(entry: unknown, prefix: string, vision: boolean): ChatMessage {
	const message = asObject(entry, prefix);
	if (message.role === undefined || message.role === null) throw missingParameter(`${prefix}.role`);
	const role = asString(message.role, `${prefix}.role`) as ChatRole;
	if (!ROLES.includes(role)) throw invalidEnumValue(`${prefix}.role`, role, ROLES);
	const texts: string[] = [];
	let images = 0;
	const content = message.content;
	const contentOptional = role === 'assistant';
	if (content === undefined || content === null) {
		if (!contentOptional) throw missingParameter(`${prefix}.content`);
	} else if (typeof content === 'string') {
		texts.push(content);
	} else {
		// An assistant turn that only carries tool calls may come with empty content (LangChain sends
		// `content: []` there, and the API accepts it).
		const onlyToolCalls = role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
		const parts = asArray(content, `${prefix}.content`, { nonEmpty: !onlyToolCalls });
		parts.forEach((part, partIndex) => {
			const path = `${prefix}.content[${partIndex}]`;
			const result = readPart(part, path, role, vision);
			if (result.text !== undefined) texts.push(result.text);
			images += result.images;
		});
	}
	if (role === 'tool' && (message.tool_call_id === undefined || message.tool_call_id === null)) {
		throw missingParameter(`${prefix}.tool_call_id`);
	}
	if (role === 'assistant' && message.tool_calls !== undefined && message.tool_calls !== null) {
		texts.push(JSON.stringify(asArray(message.tool_calls, `${prefix}.tool_calls`)));
	}
	const text = texts.join('\n');
	const tokens = TOKENS_PER_MESSAGE + texts.reduce((sum, part) => sum + countTokens(part), 0) + images * IMAGE_TOKENS;
	return { role, text, images, tokens };
}

function readPart(part: unknown, path: string, role: ChatRole, vision: boolean): { text?: string; images: number } {
	const object = asObject(part, path);
	if (object.type === undefined || object.type === null) throw missingParameter(`${path}.type`);
	const type = asString(object.type, `${path}.type`);
	const allowed = role === 'assistant' ? ASSISTANT_PART_TYPES : role === 'user' ? PART_TYPES : ['text'];
	if (!allowed.includes(type)) {
		if (type === 'image_url' && PART_TYPES.includes(type)) {
			throw badRequest(
				`Invalid '${path}'. Image URLs are only allowed for messages with role 'user', but this message with role '${role}' contains an image URL.`,
				path,
				'invalid_value',
			);
		}
		throw invalidEnumValue(`${path}.type`, type, allowed);
	}
	switch (type) {
		case 'text':
			if (object.text === undefined || object.text === null) throw missingParameter(`${path}.text`);
			return { text: asString(object.text, `${path}.text`), images: 0 };
		case 'refusal':
			return { text: typeof object.refusal === 'string' ? object.refusal : '', images: 0 };
		case 'image_url': {
			if (!vision) {
				throw badRequest('Invalid content type. image_url is only supported by certain models.', `${path}.type`);
			}
			if (!isObject(object.image_url)) throw missingParameter(`${path}.image_url`);
			if (object.image_url.url === undefined || object.image_url.url === null) throw missingParameter(`${path}.image_url.url`);
			checkImageUrl(asString(object.image_url.url, `${path}.image_url.url`), `${path}.image_url.url`);
			return { images: 1 };
		}
		default:
			return { images: 0 }; // audio and files: accepted, not counted
	}
}

/** http(s) URLs, or base64 data URLs with an image MIME type. */
export function checkImageUrl(url: string, param: string): void {
	const data = /^data:([^;,]*)(;base64)?,/i.exec(url);
	if (data) {
		if (!/^image\/(png|jpeg|jpg|gif|webp)$/i.test(data[1]) || !data[2]) {
			throw badRequest(
				`Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got unsupported MIME type '${data[1]}'.`,
				param,
				'invalid_image_url',
			);
		}
		return;
	}
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		throw badRequest(`Invalid image URL: '${param}'. Expected a valid URL, but got a value with an invalid format.`, param, 'invalid_image_url');
	}
}
