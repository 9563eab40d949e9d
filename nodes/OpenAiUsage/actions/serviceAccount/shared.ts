import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shape } from '../../../shared/shape';

export const SERVICE_ACCOUNT_SHAPE = shape.object({ id: shape.nonEmptyString, name: shape.string, role: shape.string });

/** Said in Create's output next to the key, and in the docs. */
export const KEY_ONCE_NOTICE =
	'OpenAI returns this key only now: it cannot be read again. Store api_key.value at once (e.g. in an n8n credential); n8n keeps it in this execution\'s data unless saving successful executions is off.';

export const serviceAccountIdProperty: INodeProperties = {
	displayName: 'Service Account ID',
	name: 'serviceAccountId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. svc_acct_abc123',
	description: 'The service account\'s ID, as Create or Get Many returned it',
};

export function readServiceAccountId(n8n: IExecuteFunctions, itemIndex: number): string {
	const id = String(n8n.getNodeParameter('serviceAccountId', itemIndex, '') ?? '').trim();
	if (!id) {
		throw new NodeOperationError(n8n.getNode(), `The "Service Account ID" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter the ID of a service account (svc_acct_…), e.g. from Service Account → Get Many.',
		});
	}
	return id;
}
