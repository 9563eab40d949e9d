import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { shape } from '../../../shared/shape';
import { checkedSecretAnswer } from '../../shared/secretAnswer';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { expiry } from './getAll';
import { ADMIN_KEY_ONCE_NOTICE } from './shared';

const DAY = 86_400;
/** The longest expiry the API takes: 31,536,000 seconds. */
const MAX_DAYS = 365;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'adminKeyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Usage collector',
		description: 'The admin key\'s name',
	},
	{
		displayName: 'Expires After (Days)',
		name: 'expiresInDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_DAYS },
		default: 0,
		description: 'Days until the key expires, 1 to 365; 0 for a key that does not expire',
	},
];

const createdShape = shape.object({
	id: shape.nonEmptyString,
	value: shape.nonEmptyString,
	expires_at: shape.nullable(shape.number),
});

export const createAdminApiKey: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create an admin API key',
	description: `${WRITES} creates an admin key for the organization and returns its value ONCE (it cannot be read again) — ${WRITE_SCOPE_NOTE}`,
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const fail = (message: string, description: string) => new NodeOperationError(n8n.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description });
		const name = String(n8n.getNodeParameter('adminKeyName', itemIndex, '') ?? '').trim();
		if (!name) throw fail('The "Name" parameter is empty', 'Enter a name for the admin key.');
		const days = n8n.getNodeParameter('expiresInDays', itemIndex, 0);
		if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
			throw fail(`The "Expires After (Days)" parameter must be a whole number from 0 to ${MAX_DAYS}, not ${JSON.stringify(days)?.slice(0, 40)}`, 'Enter the days until the key expires, or 0 for a key that does not expire.');
		}
		const key = await checkedSecretAnswer(
			transport.client.admin.organization.adminAPIKeys.create({ name, ...(days > 0 ? { expires_in_seconds: days * DAY } : {}) }),
			createdShape,
			'an admin API key with its value',
			['value'],
		);
		return toItems({ ...key, ...expiry(key.expires_at ?? null, Math.floor(Date.now() / 1000)), key_notice: ADMIN_KEY_ONCE_NOTICE });
	},
};
