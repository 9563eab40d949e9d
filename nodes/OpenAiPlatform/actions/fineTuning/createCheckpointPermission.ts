import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { take } from '../../../shared/list';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { inputError } from '../shared/errors';
import type { ItemOperation } from '../types';
import { checkpointProperty, PERMISSION_CREDENTIAL, permissionShape, readCheckpoint } from './checkpointPermission';

const PROJECTS = 'Project IDs';

export const createCheckpointPermission: ItemOperation = {
	value: 'createCheckpointPermission',
	name: 'Share Checkpoint With Projects',
	action: 'Share a fine-tuned checkpoint with projects',
	description: 'Let other projects of the organization use a fine-tuned model checkpoint (admin key); one output item per permission',
	credentialType: PERMISSION_CREDENTIAL,
	properties: [
		checkpointProperty,
		{
			displayName: PROJECTS,
			name: 'projectIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. proj_abc123, proj_def456',
			description: 'The projects that may use the checkpoint: IDs separated by commas, or a list from an expression',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const checkpoint = readCheckpoint(n8n, itemIndex);
		const projectIds = readProjectIds(n8n, itemIndex);
		const what = `the permissions created for checkpoint ${checkpoint}`;
		const permissions = await take(transport.client.fineTuning.checkpoints.permissions.create(checkpoint, { project_ids: projectIds }), Infinity, what, {
			paged: false,
			entry: permissionShape,
			maxPages: 1,
		});
		// one permission per project asked for: a project missing from the answer was not granted, whatever the status said
		const missing = projectIds.filter((id) => !permissions.some((permission) => permission.project_id === id));
		if (missing.length > 0) throw new UnexpectedResponseError(what, `it has no permission for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
		return toItems(permissions.map((permission) => ({ ...permission, checkpoint }) as unknown as IDataObject));
	},
};

function readProjectIds(n8n: IExecuteFunctions, itemIndex: number): string[] {
	const value = n8n.getNodeParameter('projectIds', itemIndex, '') as unknown;
	const fix = `Enter project IDs (proj_…) separated by commas, or map a list, e.g. {{ $json.projectIds }}, in "${PROJECTS}".`;
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\n]/) : undefined;
	if (!entries) throw inputError(n8n, itemIndex, `The "${PROJECTS}" parameter must be a list of project IDs, not ${JSON.stringify(value)?.slice(0, 60)}`, fix);
	const ids: string[] = [];
	for (const entry of entries) {
		const id = typeof entry === 'string' ? entry.trim() : '';
		if (typeof entry === 'string' && id === '') continue;
		if (!/^proj_[A-Za-z0-9_-]+$/.test(id)) {
			const shown = typeof entry === 'string' ? JSON.stringify(id.slice(0, 60)) : JSON.stringify(entry)?.slice(0, 60);
			throw inputError(n8n, itemIndex, `The "${PROJECTS}" parameter has ${shown}, which is not a project ID (they start with proj_)`, fix);
		}
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length === 0) throw inputError(n8n, itemIndex, `The "${PROJECTS}" parameter is empty`, fix);
	return ids;
}
