import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

export function completionIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Completion ID',
		name: 'completionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. chatcmpl-AyPNinnUqUDYo9SAdA52NobMflmj2',
		description,
	};
}

/** The "Completion ID" parameter, trimmed; empty, several words or an object are errors. */
export function readCompletionId(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('completionId', itemIndex, '') as unknown;
	const fix = 'Enter the ID of a stored chat completion (chatcmpl-…), e.g. {{ $json.id }} after Message a Model with Store on.';
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw inputError(n8n, itemIndex, `The "Completion ID" parameter must be an ID, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}`, fix);
	}
	const id = (value ?? '').trim();
	if (!id) throw inputError(n8n, itemIndex, 'The "Completion ID" parameter is empty', fix);
	if (/[\s/?#]/.test(id)) throw inputError(n8n, itemIndex, `The "Completion ID" parameter "${id.slice(0, 60)}" is not an ID`, fix);
	return id;
}
