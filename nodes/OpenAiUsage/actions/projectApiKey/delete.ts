import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { projectLocator, readLocator } from '../../shared/locators';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

export const deleteProjectApiKey: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a project API key',
	description: `${WRITES} deletes a user's API key from a project: requests with it fail from then on (a service account's key goes with its account) — ${WRITE_SCOPE_NOTE}`,
	properties: [
		projectLocator(),
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. key_abc123',
			description: 'The key\'s ID (key_…, as Get Many lists it and usage rows name it) — not the secret key itself',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const id = String(n8n.getNodeParameter('keyId', itemIndex, '') ?? '').trim();
		if (!id || id.startsWith('sk-')) {
			throw new NodeOperationError(n8n.getNode(), `The "Key ID" parameter ${id ? 'is a secret key, not a key ID' : 'is empty'} [item ${itemIndex}]`, {
				itemIndex,
				description: 'Enter the key\'s ID (key_…), e.g. from Project API Key → Get Many.',
			});
		}
		const answer = await checkedCall(transport.client.admin.organization.projects.apiKeys.delete(id, { project_id: projectId }), DELETED_SHAPE, 'the deletion of an API key');
		return toItems({ id, project_id: projectId, deleted: answer.deleted });
	},
};
