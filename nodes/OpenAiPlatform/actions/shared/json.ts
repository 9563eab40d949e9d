import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';

/**
 * Reads a JSON parameter (`type: 'json'`): text typed by the user, or an object/array an
 * expression produced. Returns undefined when it is empty. Invalid JSON is an error naming the
 * parameter, the item and where the JSON breaks.
 */
export function readJsonParameter(
	n8n: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): unknown {
	const raw = n8n.getNodeParameter(name, itemIndex, '') as unknown;
	return parseJsonValue(n8n, itemIndex, raw, displayName, 'parameter');
}

/** The same for a value already read (e.g. a JSON field of an Options collection). */
export function parseJsonValue(
	n8n: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	displayName: string,
	kind: 'parameter' | 'option' = 'option',
): unknown {
	if (raw === null || raw === undefined) return undefined;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		throw inputError(
			n8n,
			itemIndex,
			`The "${displayName}" ${kind} is not valid JSON: ${describeJsonError(raw, error)}`,
			`Fix the JSON in "${displayName}" (double quotes around names and strings, no trailing commas, no comments).`,
		);
	}
}

/** "Expected ',' or '}' … at line 3, column 7" from JSON.parse's error, whatever the engine says. */
export function describeJsonError(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const reason = message
		.replace(/\s*\(line \d+ column \d+\)\s*$/, '')
		.replace(/\s+in JSON at position \d+$/, '')
		.replace(/^JSON\.parse: /, '');
	const position = /position (\d+)/.exec(message)?.[1];
	const atEnd = /Unexpected end of JSON input/.test(message) || Number(position) >= text.trimEnd().length;
	if (atEnd) {
		const { line, column } = lineAndColumn(text, text.trimEnd().length);
		return `it ends too early at line ${line}, column ${column} (a bracket, brace or quote is not closed)`;
	}
	if (position === undefined) return reason;
	const { line, column } = lineAndColumn(text, Number(position));
	return `${reason} at line ${line}, column ${column}`;
}

export function lineAndColumn(text: string, position: number): { line: number; column: number } {
	const before = text.slice(0, position);
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
