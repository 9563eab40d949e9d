import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
import type { ItemOperation } from '../types';
import { expiry } from './getAll';
import { adminKeyIdProperty, readAdminKeyId } from './shared';

export const getAdminApiKey: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get an admin API key',
	description: 'Read one admin key (its redacted value, owner, last use) and when it expires',
	properties: [adminKeyIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const id = readAdminKeyId(n8n, itemIndex);
		const key = await checkedCall(transport.client.admin.organization.adminAPIKeys.retrieve(id), ENTRY_SHAPES.adminApiKey, 'an admin API key');
		return toItems({ ...key, ...expiry(key.expires_at ?? null, Math.floor(Date.now() / 1000)) });
	},
};
