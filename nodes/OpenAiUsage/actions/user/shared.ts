import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shape } from '../../../shared/shape';
import { readLocator } from '../../shared/locators';

/** The organization's roles (as invites use them): owner or reader. */
export const ORG_ROLES = ['owner', 'reader'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const orgRoleProperty: INodeProperties = {
	displayName: 'Role',
	name: 'orgRole',
	type: 'options',
	options: [
		{ name: 'Owner', value: 'owner', description: 'Can manage the organization: members, projects, billing, keys' },
		{ name: 'Reader', value: 'reader', description: 'A member of the organization' },
	],
	default: 'reader',
	description: 'The user\'s new role in the organization',
};

export function readOrgRole(n8n: IExecuteFunctions, itemIndex: number): OrgRole {
	const role = n8n.getNodeParameter('orgRole', itemIndex, 'reader');
	if (typeof role === 'string' && (ORG_ROLES as readonly string[]).includes(role)) return role as OrgRole;
	throw new NodeOperationError(n8n.getNode(), `The "Role" parameter has an unknown value "${String(role).slice(0, 40)}" [item ${itemIndex}]`, {
		itemIndex,
		description: 'Use "owner" or "reader".',
	});
}

/**
 * The user a write acts on: the picker's value, not empty and not an email address (the API takes the
 * user's ID; User → Get Many with the Emails filter finds the ID of an email).
 */
export function readUserToChange(n8n: IExecuteFunctions, itemIndex: number): string {
	const id = readLocator(n8n, itemIndex, 'userId', 'User');
	if (id.includes('@') || /\s/.test(id)) {
		throw new NodeOperationError(n8n.getNode(), `The "User" parameter is not a user ID: "${id.slice(0, 60)}" [item ${itemIndex}]`, {
			itemIndex,
			description: 'Pick the user from the list or enter their ID (user-…). To find the ID of an email address, use User → Get Many with the Emails filter.',
		});
	}
	return id;
}

/** The user as Update Role's answer must show them: the ID asked for, with the role asked for. */
export function updatedUserShape(id: string, role: OrgRole) {
	const exactly = (wanted: string) =>
		shape.rule((value, path) => (value === wanted ? undefined : `\`${path}\` should be "${wanted}", but is ${JSON.stringify(value)?.slice(0, 40)}`));
	return shape.object({ id: exactly(id), role: exactly(role), email: shape.nullable(shape.string), name: shape.nullable(shape.string) });
}
