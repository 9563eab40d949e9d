import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { INVITE_SHAPE, inviteIdProperty, readInviteId } from './shared';

export const getInvite: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get an invite',
	description: 'Read one invite: email, role, status (pending, accepted, expired) and projects',
	properties: [inviteIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const invite = await checkedCall(transport.client.admin.organization.invites.retrieve(readInviteId(n8n, itemIndex)), INVITE_SHAPE, 'an invite');
		return toItems({ ...invite });
	},
};
