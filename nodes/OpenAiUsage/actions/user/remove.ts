import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { userLocator } from '../../shared/locators';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { readUserToChange } from './shared';

export const removeUser: ItemOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a user from the organization',
	description: `${WRITES} removes a user from the organization and so from all its projects; the node does not delete their project API keys (Project API Key → Delete does) — ${WRITE_SCOPE_NOTE}`,
	properties: [userLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const id = readUserToChange(n8n, itemIndex);
		const answer = await checkedCall(transport.client.admin.organization.users.delete(id), DELETED_SHAPE, 'the removal of a user');
		return toItems({ id, deleted: answer.deleted });
	},
};
