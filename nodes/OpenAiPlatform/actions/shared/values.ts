import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';

export interface Range {
	min: number;
	max: number;
	integer?: boolean;
}

/**
 * A number option checked against the API's range (the editor limits typed values, but an
 * expression can produce anything). Undefined stays undefined: the option was not added.
 */
export function numberInRange(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
	{ min, max, integer = false }: Range,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	const kind = integer ? 'a whole number' : 'a number';
	const limit = describeLimit(min, max);
	const fix = `Enter ${kind}${limit ? ` ${limit.fix}` : ''} in "${displayName}".`;
	if (typeof number !== 'number' || !Number.isFinite(number) || (integer && !Number.isInteger(number))) {
		const must = `${kind}${limit ? ` ${limit.range}` : ''}`;
		throw inputError(n8n, itemIndex, `The "${displayName}" option must be ${must}, not ${JSON.stringify(value)}`, fix);
	}
	if (limit && (number < min || number > max)) {
		throw inputError(n8n, itemIndex, `The "${displayName}" option must be ${limit.range}, not ${number}`, fix);
	}
	return number;
}

/** "between 0 and 2" / "at least 16" (no upper bound) / nothing (any whole number). */
function describeLimit(min: number, max: number): { range: string; fix: string } | undefined {
	if (max < Number.MAX_SAFE_INTEGER) return { range: `between ${min} and ${max}`, fix: `from ${min} to ${max}` };
	if (min > Number.MIN_SAFE_INTEGER) return { range: `at least ${min}`, fix: `of ${min} or more` };
	return undefined;
}

/**
 * Splits a list typed in one field: by new lines, and by commas that are followed by the next
 * entry's scheme (`https://`, `data:`) so a data: URL's own comma is kept.
 */
export function splitUrlList(text: string): string[] {
	return text
		.split(/\r?\n|,\s*(?=(?:https?:\/\/|data:))/i)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Splits "a, b ,c" into names, dropping empty entries. */
export function splitNames(text: string): string[] {
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/**
 * Stop sequences: a JSON array of strings (for new lines and other escapes: `["\n\n", "END"]`)
 * or a comma-separated list. At most `max` of them (the API's limit).
 */
export function readStopSequences(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
	max = 4,
): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	let list: unknown[];
	if (Array.isArray(value)) {
		list = value;
	} else if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			list = JSON.parse(value) as unknown[];
		} catch {
			list = [undefined];
		}
		if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) {
			throw inputError(
				n8n,
				itemIndex,
				`The "${displayName}" option is not a JSON array of strings`,
				`Write it as a JSON array such as ["\\n\\n", "END"], or as a comma-separated list such as END, STOP.`,
			);
		}
	} else {
		list = splitNames(String(value));
	}
	const stops = list.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
	if (stops.length === 0) return undefined;
	if (stops.length > max) {
		throw inputError(
			n8n,
			itemIndex,
			`The "${displayName}" option has ${stops.length} sequences; OpenAI accepts at most ${max}`,
			`Keep up to ${max} stop sequences in "${displayName}".`,
		);
	}
	return stops;
}

/** A text parameter as typed (not trimmed), or '' when unset. */
export function readText(n8n: IExecuteFunctions, itemIndex: number, name: string): string {
	const value = n8n.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An options value checked against the allowed values (an expression can produce anything). */
export function oneOf(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	displayName: string,
	allowed: readonly string[],
): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw inputError(
		n8n,
		itemIndex,
		`The "${displayName}" option must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`,
		`Pick a value of "${displayName}" from the list.`,
	);
}

/** A boolean option; an expression that gives "true"/"false" text is read as such. */
export function readSwitch(n8n: IExecuteFunctions, itemIndex: number, value: unknown, displayName: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw inputError(n8n, itemIndex, `The "${displayName}" option must be true or false, not ${JSON.stringify(value)}`, `Switch "${displayName}" on or off, or give true or false.`);
}
