import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { INVITE_SHAPE } from './shared';

export const createInvite: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create an invite',
	description: `${WRITES} invites a person by email to the organization (OpenAI sends the email), optionally into projects — ${WRITE_SCOPE_NOTE}`,
	properties: [
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true, description: 'Who to invite' },
		{
			displayName: 'Role',
			name: 'orgRole',
			type: 'options',
			options: [
				{ name: 'Reader', value: 'reader', description: 'A member of the organization' },
				{ name: 'Owner', value: 'owner', description: 'Can manage the organization' },
			],
			default: 'reader',
			description: 'The role in the organization',
		},
		{
			displayName: 'Projects',
			name: 'inviteProjects',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Project',
			default: {},
			options: [
				{
					displayName: 'Project',
					name: 'values',
					values: [
						{ displayName: 'Project ID', name: 'id', type: 'string', default: '', placeholder: 'e.g. proj_abc123' },
						{
							displayName: 'Role',
							name: 'role',
							type: 'options',
							options: [
								{ name: 'Member', value: 'member' },
								{ name: 'Owner', value: 'owner' },
							],
							default: 'member',
						},
					],
				},
			],
			description: 'Projects the person joins on accepting',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const fail = (message: string, description: string) => new NodeOperationError(n8n.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description });
		const email = String(n8n.getNodeParameter('email', itemIndex, '') ?? '').trim();
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			throw fail(email ? `The "Email" parameter is not an email address: "${email.slice(0, 60)}"` : 'The "Email" parameter is empty', 'Enter the email address of the person to invite.');
		}
		const role = n8n.getNodeParameter('orgRole', itemIndex, 'reader');
		if (role !== 'reader' && role !== 'owner') throw fail(`The "Role" parameter has an unknown value "${String(role).slice(0, 40)}"`, 'Use "reader" or "owner".');
		const given = ((n8n.getNodeParameter('inviteProjects', itemIndex, {}) as IDataObject).values ?? []) as Array<{ id?: unknown; role?: unknown }>;
		const projects = given.map((project, index) => {
			const id = String(project.id ?? '').trim();
			if (!id) throw fail(`The "Projects" entry ${index + 1} has no Project ID`, 'Enter a project ID (proj_…) or remove the entry.');
			if (project.role !== 'member' && project.role !== 'owner') throw fail(`The "Projects" entry ${index + 1} has an unknown role "${String(project.role).slice(0, 40)}"`, 'Use "member" or "owner".');
			return { id, role: project.role as 'member' | 'owner' };
		});
		const invite = await checkedCall(
			transport.client.admin.organization.invites.create({ email, role, ...(projects.length > 0 ? { projects } : {}) }),
			INVITE_SHAPE,
			'an invite',
		);
		return toItems({ ...invite });
	},
};
