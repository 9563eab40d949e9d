import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from './errors';

/** OpenAI's limits on metadata (responses, conversations, stored chat completions, batches). */
export const MAX_METADATA_KEYS = 16;
export const MAX_METADATA_KEY_LENGTH = 64;
export const MAX_METADATA_VALUE_LENGTH = 512;

/** The key/value editor of metadata (a fixedCollection; read it with `readMetadataEntries`). */
export function metadataProperty(description: string, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata',
		default: {},
		description,
		options: [
			{
				displayName: 'Entry',
				name: 'values',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'Up to 64 characters' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Up to 512 characters' },
				],
			},
		],
		...overrides,
	};
}

/**
 * The entries of a metadata editor as OpenAI's metadata object, checked against its limits (16 keys,
 * keys up to 64 and values up to 512 characters, no repeated or empty key). Undefined when there are
 * no entries. `kind` names the field in errors: an option of a collection or a parameter.
 */
export function readMetadataEntries(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	kind: 'option' | 'parameter' = 'option',
): Record<string, string> | undefined {
	const entries = ((value as { values?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.values ?? []).filter(
		(entry) => entry !== null && typeof entry === 'object',
	);
	if (entries.length === 0) return undefined;
	const fail = (message: string, fix: string) => inputError(n8n, itemIndex, message, fix);
	if (entries.length > MAX_METADATA_KEYS) {
		throw fail(
			`The "Metadata" ${kind} has ${entries.length} entries; OpenAI accepts at most ${MAX_METADATA_KEYS}`,
			`Keep up to ${MAX_METADATA_KEYS} key/value pairs, e.g. by combining values into one.`,
		);
	}
	const metadata: Record<string, string> = {};
	for (const [index, entry] of entries.entries()) {
		const key = metadataText(n8n, itemIndex, entry.key, { part: 'key', entry: index }).trim();
		const text = metadataText(n8n, itemIndex, entry.value, { part: 'value', key, entry: index });
		if (!key) throw fail(`Entry ${index + 1} of the "Metadata" ${kind} has no key`, 'Enter a key or remove the entry.');
		if (key.length > MAX_METADATA_KEY_LENGTH) {
			throw fail(
				`The "Metadata" key "${key.slice(0, 20)}…" is longer than ${MAX_METADATA_KEY_LENGTH} characters`,
				`Shorten the key to at most ${MAX_METADATA_KEY_LENGTH} characters.`,
			);
		}
		if (text.length > MAX_METADATA_VALUE_LENGTH) {
			throw fail(
				`The "Metadata" value of "${key}" is longer than ${MAX_METADATA_VALUE_LENGTH} characters`,
				`Shorten the value to at most ${MAX_METADATA_VALUE_LENGTH} characters.`,
			);
		}
		if (key in metadata) throw fail(`The "Metadata" ${kind} repeats the key "${key}"`, 'Give every entry its own key.');
		metadata[key] = text;
	}
	return metadata;
}

/**
 * One metadata entry's key or value as the text OpenAI stores. Text is kept as it is, numbers and
 * true/false become their text, nothing becomes ''. An object or a list is refused (it would be
 * sent as "[object Object]"): the user decides how to write it as text.
 */
export function metadataText(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	what: { part: 'key' | 'value'; key?: string; entry: number },
): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	const which = what.part === 'value' && what.key ? `The "Metadata" value of "${what.key}"` : `The "Metadata" ${what.part} of entry ${what.entry + 1}`;
	throw inputError(
		n8n,
		itemIndex,
		`${which} is ${kind}, not text`,
		'OpenAI stores metadata keys and values as text (values up to 512 characters), and this node does not guess how to write an object as text. Convert it in the expression, e.g. {{ JSON.stringify($json.tags) }}, or pick one field of it.',
	);
}
