import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { INVITE_SHAPE } from './shared';

export const getAllInvites: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many invites',
	description: 'List the organization\'s invites',
	properties: listProperties(),
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const invites = await take(transport.client.admin.organization.invites.list({ limit: pageSize(limit) }), limit, 'GET /organization/invites', { entry: INVITE_SHAPE });
		return toItems(invites.map((invite) => ({ ...invite }) as IDataObject));
	},
};
