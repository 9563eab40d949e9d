import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import type { ItemOperation } from '../types';
import { checkpointProperty, PERMISSION_CREDENTIAL, permissionShape, readCheckpoint } from './checkpointPermission';

export const getCheckpointPermissions: ItemOperation = {
	value: 'getCheckpointPermissions',
	name: 'Get Checkpoint Permissions',
	action: 'Get the permissions of a fine-tuned checkpoint',
	description: 'List the projects a fine-tuned model checkpoint is shared with (admin key)',
	credentialType: PERMISSION_CREDENTIAL,
	properties: [
		checkpointProperty,
		...listProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Order',
					name: 'order',
					type: 'options',
					default: 'descending',
					options: [
						{ name: 'Newest First', value: 'descending' },
						{ name: 'Oldest First', value: 'ascending' },
					],
					description: 'The order of the permissions',
				},
				{
					displayName: 'Project ID',
					name: 'projectId',
					type: 'string',
					default: '',
					placeholder: 'e.g. proj_abc123',
					description: 'Only the permission of this project',
				},
			],
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const checkpoint = readCheckpoint(n8n, itemIndex);
		const limit = readLimit(n8n, itemIndex);
		const filters = n8n.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const projectId = typeof filters.projectId === 'string' ? filters.projectId.trim() : '';
		const order = filters.order === 'ascending' ? 'ascending' : filters.order === 'descending' ? 'descending' : undefined;
		const permissions = await take(
			transport.client.fineTuning.checkpoints.permissions.list(checkpoint, {
				limit: pageSize(limit),
				...(order ? { order } : {}),
				...(projectId ? { project_id: projectId } : {}),
			}),
			limit,
			`the permissions of checkpoint ${checkpoint}`,
			{ entry: permissionShape },
		);
		return toItems(permissions.map((permission) => ({ ...permission, checkpoint }) as unknown as IDataObject));
	},
};
