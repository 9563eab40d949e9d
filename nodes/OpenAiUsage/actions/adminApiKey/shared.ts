import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Said in Create's output next to the new key, and in the docs. */
export const ADMIN_KEY_ONCE_NOTICE =
	'OpenAI returns this admin key only now: it cannot be read again. Store `value` at once (e.g. in an n8n credential); it can manage the whole organization. n8n keeps it in this execution\'s data unless saving successful executions is off.';

export const adminKeyIdProperty: INodeProperties = {
	displayName: 'Admin Key ID',
	name: 'adminKeyId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. key_abc123',
	description: 'The admin key\'s ID (key_…, as Get Many lists it) — not the secret key itself',
};

/** The Admin Key ID parameter: not empty, and not a secret key pasted by mistake. */
export function readAdminKeyId(n8n: IExecuteFunctions, itemIndex: number): string {
	const id = String(n8n.getNodeParameter('adminKeyId', itemIndex, '') ?? '').trim();
	if (!id || id.startsWith('sk-')) {
		throw new NodeOperationError(n8n.getNode(), `The "Admin Key ID" parameter ${id ? 'is a secret key, not a key ID' : 'is empty'} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter the admin key\'s ID (key_…), e.g. from Admin API Key → Get Many.',
		});
	}
	return id;
}
