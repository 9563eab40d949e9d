import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { userLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { orgRoleProperty, readOrgRole, readUserToChange, updatedUserShape } from './shared';

export const updateUser: ItemOperation = {
	value: 'update',
	name: 'Update Role',
	action: 'Update a user\'s role',
	description: `${WRITES} changes a user's role in the organization (owner or reader) — ${WRITE_SCOPE_NOTE}`,
	properties: [userLocator(), orgRoleProperty],
	async execute({ n8n, transport, itemIndex }) {
		const id = readUserToChange(n8n, itemIndex);
		const role = readOrgRole(n8n, itemIndex);
		const user = await checkedCall(transport.client.admin.organization.users.update(id, { role }), updatedUserShape(id, role), `the user ${id} with the role ${role}`);
		return toItems({ ...user });
	},
};
