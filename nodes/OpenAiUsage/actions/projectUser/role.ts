import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shape } from '../../../shared/shape';

const ROLES = ['owner', 'member'] as const;

export const projectRoleProperty: INodeProperties = {
	displayName: 'Role',
	name: 'projectRole',
	type: 'options',
	options: [
		{ name: 'Member', value: 'member', description: 'Can use the project' },
		{ name: 'Owner', value: 'owner', description: 'Can also manage the project\'s members, keys and limits' },
	],
	default: 'member',
	description: 'The user\'s role in the project',
};

export function readProjectRole(n8n: IExecuteFunctions, itemIndex: number): (typeof ROLES)[number] {
	const role = n8n.getNodeParameter('projectRole', itemIndex, 'member');
	if (typeof role === 'string' && (ROLES as readonly string[]).includes(role)) return role as (typeof ROLES)[number];
	throw new NodeOperationError(n8n.getNode(), `The "Role" parameter has an unknown value "${String(role).slice(0, 40)}" [item ${itemIndex}]`, {
		itemIndex,
		description: 'Use "owner" or "member".',
	});
}

export const PROJECT_USER_SHAPE = shape.object({ id: shape.nonEmptyString, role: shape.nonEmptyString });
