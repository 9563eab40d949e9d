import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
import { projectLocator, readLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

const FIELDS = [
	['max_requests_per_1_minute', 'Max Requests per Minute'],
	['max_tokens_per_1_minute', 'Max Tokens per Minute'],
	['max_images_per_1_minute', 'Max Images per Minute'],
	['max_audio_megabytes_per_1_minute', 'Max Audio Megabytes per Minute'],
	['max_requests_per_1_day', 'Max Requests per Day'],
	['batch_1_day_max_input_tokens', 'Batch Max Input Tokens per Day'],
] as const;

export const updateProjectRateLimit: ItemOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a project rate limit',
	description: `${WRITES} changes a project's rate limit for one model (only the fields given; at most the organization's limit) — ${WRITE_SCOPE_NOTE}`,
	properties: [
		projectLocator(),
		{
			displayName: 'Rate Limit ID',
			name: 'rateLimitId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. rl-gpt-4o',
			description: 'The rate limit\'s ID, as Project Rate Limit → Get Many lists it (one per model)',
		},
		{
			displayName: 'Limits',
			name: 'limits',
			type: 'collection',
			placeholder: 'Add Limit',
			default: {},
			options: FIELDS.map(([name, displayName]) => ({ displayName, name, type: 'number' as const, typeOptions: { minValue: 0 }, default: 0 })),
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const id = String(n8n.getNodeParameter('rateLimitId', itemIndex, '') ?? '').trim();
		const fail = (message: string, description: string) => new NodeOperationError(n8n.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description });
		if (!id) throw fail('The "Rate Limit ID" parameter is empty', 'Enter the ID of a rate limit, e.g. from Project Rate Limit → Get Many.');
		const given = n8n.getNodeParameter('limits', itemIndex, {}) as IDataObject;
		const body: Partial<Record<(typeof FIELDS)[number][0], number>> = {};
		for (const [name, label] of FIELDS) {
			const value = given[name];
			if (value === undefined) continue;
			if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
				throw fail(`The "${label}" limit must be a whole number of at least 0, not ${JSON.stringify(value)?.slice(0, 40)}`, 'Enter a whole number.');
			}
			body[name] = value;
		}
		if (Object.keys(body).length === 0) throw fail('The "Limits" parameter is empty', 'Add at least one limit to change.');
		const limit = await checkedCall(transport.client.admin.organization.projects.rateLimits.updateRateLimit(id, { project_id: projectId, ...body }), ENTRY_SHAPES.rateLimit, 'a rate limit');
		return toItems({ ...limit, project_id: projectId });
	},
};
