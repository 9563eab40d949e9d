import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
import { readLocator, userLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';

export const getUser: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get one user: name, email, role',
	properties: [userLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const id = readLocator(n8n, itemIndex, 'userId', 'User');
		const user = await checkedCall(transport.client.admin.organization.users.retrieve(id), ENTRY_SHAPES.user, 'a user');
		return toItems({ ...user });
	},
};
