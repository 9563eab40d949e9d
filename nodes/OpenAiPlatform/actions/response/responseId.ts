import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

export function responseIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Response ID',
		name: 'responseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. resp_67ccd2bed1ec8190b14f964abc054267',
		description,
	};
}

export function readResponseId(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('responseId', itemIndex, '') as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw inputError(
			n8n,
			itemIndex,
			'The "Response ID" parameter is empty',
			'Enter the ID of a stored response (resp_…), e.g. {{ $json.id }} after Response → Create.',
		);
	}
	return id;
}
