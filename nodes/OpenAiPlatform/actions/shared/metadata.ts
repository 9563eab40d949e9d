import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';

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
