import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';

/** An ID parameter: trimmed text; empty, several words, or an object from an expression are errors. */
export function readId(n8n: IExecuteFunctions, itemIndex: number, name: string, displayName: string, fix: string): string {
	const value = n8n.getNodeParameter(name, itemIndex, '') as unknown;
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw inputError(n8n, itemIndex, `The "${displayName}" parameter must be an ID, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}`, fix);
	}
	const id = (value ?? '').trim();
	if (!id) throw inputError(n8n, itemIndex, `The "${displayName}" parameter is empty`, fix);
	if (/[\s/?#]/.test(id)) throw inputError(n8n, itemIndex, `The "${displayName}" parameter "${id.slice(0, 60)}" is not an ID`, fix);
	return id;
}
