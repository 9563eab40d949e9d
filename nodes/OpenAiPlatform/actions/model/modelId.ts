import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The "Model" resource locator's value, trimmed; an empty one is a clear error for the item. */
export function readModelId(n8n: IExecuteFunctions, itemIndex: number, name = 'modelId'): string {
	const value = n8n.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw new NodeOperationError(n8n.getNode(), `The "Model" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Pick a model from the list or enter its ID.',
		});
	}
	return id;
}
