import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { inviteIdProperty, readInviteId } from './shared';

export const deleteInvite: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an invite',
	description: `${WRITES} withdraws a pending invite — ${WRITE_SCOPE_NOTE}`,
	properties: [inviteIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const id = readInviteId(n8n, itemIndex);
		const answer = await checkedCall(transport.client.admin.organization.invites.delete(id), DELETED_SHAPE, 'the deletion of an invite');
		return toItems({ id, deleted: answer.deleted });
	},
};
