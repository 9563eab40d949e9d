import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shape } from '../../../shared/shape';

export const INVITE_SHAPE = shape.object({ id: shape.nonEmptyString, email: shape.string, status: shape.string });

export const inviteIdProperty: INodeProperties = {
	displayName: 'Invite ID',
	name: 'inviteId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. invite-abc123',
	description: 'The invite\'s ID, as Create or Get Many returned it',
};

export function readInviteId(n8n: IExecuteFunctions, itemIndex: number): string {
	const id = String(n8n.getNodeParameter('inviteId', itemIndex, '') ?? '').trim();
	if (!id) {
		throw new NodeOperationError(n8n.getNode(), `The "Invite ID" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter the ID of an invite, e.g. from Invite → Get Many.',
		});
	}
	return id;
}
