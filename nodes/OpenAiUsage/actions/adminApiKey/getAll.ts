import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { toIso } from '../../../usage/window';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
import type { ItemOperation } from '../types';

const DAY = 86_400;
/** Keys expiring within this many days get a warning. */
export const EXPIRY_WARNING_DAYS = 30;

export const getAllAdminApiKeys: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many admin API keys',
	description: 'List the organization\'s admin keys, warning about keys that expire within 30 days',
	properties: [
		...listProperties(),
		{
			displayName: 'Order',
			name: 'order',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			default: 'asc',
			description: 'Order by creation time',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const order = n8n.getNodeParameter('order', itemIndex, 'asc') as 'asc' | 'desc';
		const keys = await takeChecked(
			transport.client.admin.organization.adminAPIKeys.list({ limit: pageSize(limit), order }),
			limit,
			'GET /organization/admin_api_keys',
			ENTRY_SHAPES.adminApiKey,
		);
		const nowSec = Math.floor(Date.now() / 1000);
		return toItems(keys.map((key) => ({ ...key, ...expiry(key.expires_at ?? null, nowSec) }) as IDataObject));
	},
};

/** Days left (rounded down; negative once expired) and a warning within 30 days of expiry. */
export function expiry(expiresAt: number | null, nowSec: number): { expires_in_days: number | null; expiry_warning: string | null } {
	if (expiresAt === null) return { expires_in_days: null, expiry_warning: null };
	const days = Math.floor((expiresAt - nowSec) / DAY);
	if (expiresAt <= nowSec) {
		return { expires_in_days: days, expiry_warning: `Expired on ${toIso(expiresAt)}: requests with this key fail. Create a new admin key.` };
	}
	if (expiresAt - nowSec > EXPIRY_WARNING_DAYS * DAY) return { expires_in_days: days, expiry_warning: null };
	const when = days === 0 ? 'within a day' : `in ${days} day${days === 1 ? '' : 's'}`;
	return {
		expires_in_days: days,
		expiry_warning: `Expires ${when} (${toIso(expiresAt)}): create a new admin key and replace this one before then.`,
	};
}
