import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { toList } from '../../../usage/validate';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
import type { ItemOperation } from '../types';

export const getAllUsers: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description: 'List the organization\'s users',
	properties: [
		...listProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Emails',
					name: 'emails',
					type: 'string',
					default: '',
					placeholder: 'e.g. ada@example.com, grace@example.com',
					description: 'Only users with these emails, separated by commas',
				},
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as { emails?: string };
		const emails = toList(filters.emails);
		const users = await takeChecked(
			transport.client.admin.organization.users.list({ limit: pageSize(limit), ...(emails.length > 0 ? { emails } : {}) }),
			limit,
			'GET /organization/users',
			ENTRY_SHAPES.user,
		);
		return toItems(users.map((user) => ({ ...user }) as IDataObject));
	},
};
