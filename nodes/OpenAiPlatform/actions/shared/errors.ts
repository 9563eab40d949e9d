import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A bad-input error for one item: the message ends with `[item N]`, the description says how to
 * fix it. Thrown before any request is sent.
 */
export function inputError(
	n8n: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(n8n.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}
