import { invalidEnumValue, missingParameter } from '../../errors';
import { checkImageUrl } from './chatMessages';
import { asArray, asBoolean, asObject, asString, type JsonObject } from './fields';
import { emptyString } from './requestErrors';
import { countTokens, IMAGE_TOKENS, TOKENS_PER_MESSAGE } from './tokens';

/**
 * Responses API `input`: a string (one user message) or a list of items: messages (roles user,
 * assistant, system, developer; content a string or input_text / input_image / input_file parts),
 * function_call and function_call_output items, MCP approval responses, item references, reasoning
 * and compaction items (the last three carry no text the fake reads). Each item becomes
 * - a turn of the conversation the fake answers (role, text, tokens), and
 * - the stored input item that GET /responses/{id}/input_items lists (with an id).
 */
export interface Turn {
	role: 'user' | 'assistant' | 'system' | 'developer' | 'tool';
	text: string;
	tokens: number;
}

export interface ParsedInput {
	turns: Turn[];
	/** input items as the API lists them (ids added by the caller) */
	items: JsonObject[];
	/** each item with the turn it adds (null for items without text, e.g. an MCP approval) */
	entries: Array<{ item: JsonObject; turn: Turn | null }>;
}

const ROLES = ['user', 'assistant', 'system', 'developer'] as const;
const ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'item_reference', 'reasoning', 'compaction', 'mcp_approval_response'];
const PART_TYPES = ['input_text', 'input_image', 'input_file'];
const ASSISTANT_PART_TYPES = ['output_text', 'refusal'];

export function readResponseInput(value: unknown, newId: (prefix: string) => string): ParsedInput {
	if (value === undefined || value === null) throw missingParameter('input');
	if (typeof value === 'string') {
		if (value === '') throw emptyString('input');
		const parsed: ParsedInput = { turns: [], items: [], entries: [] };
		add(parsed, message(newId('msg_'), 'user', [{ type: 'input_text', text: value }]), { role: 'user', text: value, tokens: TOKENS_PER_MESSAGE + countTokens(value) });
		return parsed;
	}
	return readInputItems(value, 'input', newId);
}

/** A list of input items (`input` of a response, `items` of a conversation). */
export function readInputItems(value: unknown, param: string, newId: (prefix: string) => string, max?: number): ParsedInput {
	const list = asArray(value, param, { nonEmpty: true, max });
	const parsed: ParsedInput = { turns: [], items: [], entries: [] };
	list.forEach((entry, index) => readItem(asObject(entry, `${param}[${index}]`), `${param}[${index}]`, parsed, newId));
	return parsed;
}

function add(parsed: ParsedInput, item: JsonObject, turn: Turn | null): void {
	parsed.items.push(item);
	if (turn) parsed.turns.push(turn);
	parsed.entries.push({ item, turn });
}

function readItem(item: JsonObject, prefix: string, parsed: ParsedInput, newId: (prefix: string) => string): void {
	const type = item.type === undefined || item.type === null ? 'message' : asString(item.type, `${prefix}.type`);
	if (!ITEM_TYPES.includes(type)) throw invalidEnumValue(`${prefix}.type`, type, ITEM_TYPES);
	switch (type) {
		case 'message':
			return readMessage(item, prefix, parsed, newId);
		case 'function_call_output': {
			const callId = requiredString(item, 'call_id', prefix);
			const output = typeof item.output === 'string' ? item.output : JSON.stringify(item.output ?? '');
			add(parsed, { id: newId('fc_'), type: 'function_call_output', call_id: callId, output, status: 'completed' }, { role: 'tool', text: output, tokens: TOKENS_PER_MESSAGE + countTokens(output) });
			return;
		}
		case 'function_call': {
			const callId = requiredString(item, 'call_id', prefix);
			const name = requiredString(item, 'name', prefix);
			const args = requiredString(item, 'arguments', prefix);
			add(
				parsed,
				{ id: typeof item.id === 'string' ? item.id : newId('fc_'), type: 'function_call', call_id: callId, name, arguments: args, status: 'completed' },
				{ role: 'assistant', text: `${name}(${args})`, tokens: TOKENS_PER_MESSAGE + countTokens(name) + countTokens(args) },
			);
			return;
		}
		case 'mcp_approval_response': {
			const requestId = requiredString(item, 'approval_request_id', prefix);
			if (item.approve === undefined || item.approve === null) throw missingParameter(`${prefix}.approve`);
			const approve = asBoolean(item.approve, `${prefix}.approve`);
			const reason = item.reason === undefined || item.reason === null ? null : asString(item.reason, `${prefix}.reason`);
			add(parsed, { id: newId('mcpr_'), type: 'mcp_approval_response', approval_request_id: requestId, approve, reason }, null);
			return;
		}
		default:
			return; // item references and reasoning items carry no text the fake needs
	}
}

function readMessage(item: JsonObject, prefix: string, parsed: ParsedInput, newId: (prefix: string) => string): void {
	if (item.role === undefined || item.role === null) throw missingParameter(`${prefix}.role`);
	const role = asString(item.role, `${prefix}.role`) as (typeof ROLES)[number];
	if (!(ROLES as readonly string[]).includes(role)) throw invalidEnumValue(`${prefix}.role`, role, ROLES);
	if (item.content === undefined || item.content === null) throw missingParameter(`${prefix}.content`);
	const texts: string[] = [];
	const parts: JsonObject[] = [];
	let images = 0;
	if (typeof item.content === 'string') {
		texts.push(item.content);
		parts.push(role === 'assistant' ? outputText(item.content) : { type: 'input_text', text: item.content });
	} else {
		const allowed = role === 'assistant' ? ASSISTANT_PART_TYPES : PART_TYPES;
		asArray(item.content, `${prefix}.content`).forEach((entry, index) => {
			const path = `${prefix}.content[${index}]`;
			const part = asObject(entry, path);
			const type = asString(part.type, `${path}.type`);
			if (!allowed.includes(type)) throw invalidEnumValue(`${path}.type`, type, allowed);
			if (type === 'input_text' || type === 'output_text') {
				const text = requiredString(part, 'text', path);
				texts.push(text);
				parts.push(type === 'input_text' ? { type, text } : outputText(text));
			} else if (type === 'input_image') {
				if ((part.image_url === undefined || part.image_url === null) && typeof part.file_id !== 'string') {
					throw missingParameter(`${path}.image_url`);
				}
				const imageUrl = part.image_url === undefined || part.image_url === null ? null : asString(part.image_url, `${path}.image_url`);
				if (imageUrl !== null) checkImageUrl(imageUrl, `${path}.image_url`);
				images++;
				const detail = typeof part.detail === 'string' ? part.detail : 'auto';
				parts.push({ type, image_url: imageUrl, file_id: typeof part.file_id === 'string' ? part.file_id : null, detail });
			} else if (type === 'input_file') {
				parts.push({ type, ...(typeof part.file_id === 'string' ? { file_id: part.file_id } : {}), ...(typeof part.filename === 'string' ? { filename: part.filename } : {}) });
			} else {
				texts.push(typeof part.refusal === 'string' ? part.refusal : '');
			}
		});
	}
	const text = texts.join('\n');
	add(parsed, message(newId('msg_'), role, parts), { role, text, tokens: TOKENS_PER_MESSAGE + texts.reduce((sum, part) => sum + countTokens(part), 0) + images * IMAGE_TOKENS });
}

function message(id: string, role: string, content: JsonObject[]): JsonObject {
	return { id, type: 'message', role, status: 'completed', content };
}

function outputText(text: string): JsonObject {
	return { type: 'output_text', text, annotations: [], logprobs: [] };
}

function requiredString(object: JsonObject, field: string, prefix: string): string {
	if (object[field] === undefined || object[field] === null) throw missingParameter(`${prefix}.${field}`);
	return asString(object[field], `${prefix}.${field}`);
}

/** Whether any turn mentions JSON (text.format json_object requires it, as live). */
export function turnsMentionJson(turns: readonly Turn[], instructions: string | null): boolean {
	return /json/i.test(instructions ?? '') || turns.some((turn) => /json/i.test(turn.text));
}
