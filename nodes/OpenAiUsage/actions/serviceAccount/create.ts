import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall, shape } from '../../../shared/shape';
import { projectLocator, readLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { KEY_ONCE_NOTICE } from './shared';

const nameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'serviceAccountName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. deploy-bot',
	description: 'The service account\'s name',
};

const createdShape = shape.object({
	id: shape.nonEmptyString,
	name: shape.string,
	api_key: shape.object({ id: shape.nonEmptyString, value: shape.nonEmptyString }),
});

export const createServiceAccount: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a service account',
	description: `${WRITES} creates a service account in a project and returns its API key ONCE (it cannot be read again) — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator(), nameProperty],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const name = String(n8n.getNodeParameter('serviceAccountName', itemIndex, '') ?? '').trim();
		if (!name) {
			throw new NodeOperationError(n8n.getNode(), `The "Name" parameter is empty [item ${itemIndex}]`, { itemIndex, description: 'Enter a name for the service account.' });
		}
		const account = await checkedCall(transport.client.admin.organization.projects.serviceAccounts.create(projectId, { name }), createdShape, 'a service account with its key');
		return toItems({ ...account, project_id: projectId, key_notice: KEY_ONCE_NOTICE });
	},
};
