import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../shared/errors';

/** The method, query, headers and JSON body of a Custom API Call, read and checked per item. */
export const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;
export type Method = (typeof METHODS)[number];

export function readMethod(n8n: IExecuteFunctions, itemIndex: number): Method {
	const value = String(n8n.getNodeParameter('method', itemIndex, 'GET') ?? '').trim().toUpperCase();
	if (!(METHODS as readonly string[]).includes(value)) {
		throw inputError(n8n, itemIndex, `The "Method" parameter is "${value}", which this node does not send`, `Use one of ${METHODS.join(', ')}.`);
	}
	return value as Method;
}

interface Pair {
	name?: unknown;
	value?: unknown;
}

/** Name/value pairs of a fixed collection (`<parameter>.<group>`), names trimmed, empty rows dropped. */
function readPairs(n8n: IExecuteFunctions, itemIndex: number, parameter: string, group: string, displayName: string): Array<{ name: string; value: string }> {
	const collection = n8n.getNodeParameter(parameter, itemIndex, {}) as IDataObject;
	const rows = (Array.isArray(collection?.[group]) ? collection[group] : []) as Pair[];
	const out: Array<{ name: string; value: string }> = [];
	rows.forEach((row, index) => {
		const name = typeof row.name === 'string' ? row.name.trim() : row.name === undefined || row.name === null ? '' : String(row.name);
		const value = textOf(row.value);
		if (!name) {
			if (value === '') return;
			throw inputError(n8n, itemIndex, `Entry ${index + 1} of "${displayName}" has a value but no name`, 'Give every entry a name, or remove it.');
		}
		out.push({ name, value });
	});
	return out;
}

/** A value as text: objects and lists as JSON (an expression may produce them), nothing as ''. */
function textOf(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** Query parameters: a name given several times becomes a list, sent as `name[]=…` like OpenAI's lists (e.g. include[]). */
export function readQuery(n8n: IExecuteFunctions, itemIndex: number): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const { name, value } of readPairs(n8n, itemIndex, 'queryParameters', 'parameters', 'Query Parameters')) {
		const key = name.endsWith('[]') ? name.slice(0, -2) : name;
		const existing = query[key];
		if (existing === undefined) query[key] = name.endsWith('[]') ? [value] : value;
		else query[key] = [...(Array.isArray(existing) ? existing : [existing]), value];
	}
	return query;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the node and the credential set themselves. */
const RESERVED_HEADERS = new Set(['authorization', 'content-length', 'host', 'transfer-encoding', 'connection']);

/** Extra headers (e.g. OpenAI-Beta: assistants=v2); the key is the credential's business. */
export function readHeaders(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): Record<string, string> {
	const headers: Record<string, string> = {};
	const rows = ((options.headers as IDataObject | undefined)?.values ?? []) as Pair[];
	rows.forEach((row, index) => {
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		const value = textOf(row.value);
		if (!name && value === '') return;
		if (!HEADER_NAME.test(name)) {
			throw inputError(n8n, itemIndex, `Header ${index + 1} of the "Headers" option has the name "${name}", which is not a header name`, 'Use letters, digits and dashes, e.g. OpenAI-Beta.');
		}
		if (RESERVED_HEADERS.has(name.toLowerCase())) {
			throw inputError(
				n8n,
				itemIndex,
				`The "Headers" option sets ${name}, which this node sets itself`,
				name.toLowerCase() === 'authorization' ? 'The credential attaches the key; remove the header.' : 'Remove the header.',
			);
		}
		if (/[\r\n]/.test(value)) throw inputError(n8n, itemIndex, `The value of the header ${name} has a line break`, 'Remove the line break.');
		headers[name.toLowerCase()] = value;
	});
	return headers;
}

/** The "JSON Body" parameter: JSON text or an object from an expression; an object or a list. */
export function readJsonBody(n8n: IExecuteFunctions, itemIndex: number): IDataObject | unknown[] {
	const raw = n8n.getNodeParameter('jsonBody', itemIndex, '') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') {
			throw inputError(n8n, itemIndex, 'The "JSON Body" parameter is empty', 'Enter the request body as JSON, e.g. {"name": "my container"}, or pick None as the Body Type.');
		}
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw inputError(n8n, itemIndex, `The "JSON Body" parameter is not valid JSON: ${(error as Error).message}`, 'Check quotes, commas and brackets; an expression may build it, e.g. {{ JSON.stringify({ name: $json.name }) }}.');
		}
	}
	if (typeof value !== 'object' || value === null) {
		throw inputError(n8n, itemIndex, `The "JSON Body" parameter is ${value === null ? 'null' : `a ${typeof value}`}, not a JSON object or list`, 'OpenAI endpoints take a JSON object, e.g. {"name": "my container"}.');
	}
	return value as IDataObject | unknown[];
}

/** Text form fields of a multipart body. */
export function readFormFields(n8n: IExecuteFunctions, itemIndex: number): Array<{ name: string; value: string }> {
	return readPairs(n8n, itemIndex, 'formFields', 'fields', 'Form Fields');
}

/** File fields of a multipart body: field name → binary property of the item. */
export function readFormFiles(n8n: IExecuteFunctions, itemIndex: number): Array<{ name: string; property: string }> {
	const collection = n8n.getNodeParameter('formFiles', itemIndex, {}) as IDataObject;
	const rows = (Array.isArray(collection?.files) ? collection.files : []) as Array<{ name?: unknown; binaryPropertyName?: unknown }>;
	return rows
		.map((row, index) => {
			const name = typeof row.name === 'string' ? row.name.trim() : '';
			const property = typeof row.binaryPropertyName === 'string' ? row.binaryPropertyName.trim() : '';
			if (!name || !property) {
				if (!name && !property) return undefined;
				throw inputError(n8n, itemIndex, `File ${index + 1} of "Form Files" needs both a field name and an input binary field`, 'Fill in both, or remove the entry.');
			}
			return { name, property };
		})
		.filter((row): row is { name: string; property: string } => row !== undefined);
}
