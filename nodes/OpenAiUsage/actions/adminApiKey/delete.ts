import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { adminKeyIdProperty, readAdminKeyId } from './shared';

export const deleteAdminApiKey: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete an admin API key',
	description: `${WRITES} deletes an admin key of the organization: requests with it fail from then on (deleting the key of this node's credential ends the node's access) — ${WRITE_SCOPE_NOTE}`,
	properties: [adminKeyIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const id = readAdminKeyId(n8n, itemIndex);
		const answer = await checkedCall(transport.client.admin.organization.adminAPIKeys.delete(id), DELETED_SHAPE, 'the deletion of an admin API key');
		return toItems({ id, deleted: answer.deleted });
	},
};
