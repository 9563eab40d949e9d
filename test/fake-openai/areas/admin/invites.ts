import type { AreaFactory, FakeRequest } from '../../area';
import { ApiError, invalidEnumValue, invalidType, invalidValue, missingParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams } from '../../params';
import { listPage } from './lists';
import { readJsonObject } from './organizationWrites';

/**
 * Invitations to the organization (list, get, create, delete), with state; an invite is pending for 7
 * days. Reads need api.management.read, writes api.management.write.
 */
const READ = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;
const WEEK = 7 * 86_400;

interface Invite {
	id: string;
	email: string;
	role: 'owner' | 'reader';
	createdAt: number;
	projects: Array<{ id: string; role: 'member' | 'owner' }>;
}

function readProjects(value: unknown, known: (id: string) => boolean): Invite['projects'] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw invalidType('projects', 'an array', typeof value);
	return value.map((entry, index) => {
		const project = entry as { id?: unknown; role?: unknown };
		if (typeof project?.id !== 'string' || !known(project.id)) throw invalidValue(`projects[${index}].id`, `no project with ID '${String(project?.id)}'.`);
		if (project.role !== 'member' && project.role !== 'owner') throw invalidEnumValue(`projects[${index}].role`, String(project.role), ['member', 'owner']);
		return { id: project.id, role: project.role };
	});
}

export const invitesArea: AreaFactory = ({ org, ids, clock }) => {
	const invites: Invite[] = [];
	const json = (invite: Invite) => ({
		object: 'organization.invite',
		id: invite.id,
		email: invite.email,
		role: invite.role,
		status: clock.nowSeconds() >= invite.createdAt + WEEK ? 'expired' : 'pending',
		created_at: invite.createdAt,
		expires_at: invite.createdAt + WEEK,
		accepted_at: null,
		projects: invite.projects,
	});
	const inviteOf = (request: FakeRequest): Invite => {
		const invite = invites.find((candidate) => candidate.id === request.params.invite_id);
		if (!invite) throw new ApiError(404, 'invalid_request_error', `No invite found with ID '${request.params.invite_id}'.`, null, null);
		return invite;
	};
	return {
		name: 'admin/invites',
		routes: [
			{
				method: 'GET',
				path: '/v1/organization/invites',
				auth: READ,
				handle: (request) => ({ body: listPage(invites.map(json), readQueryParams(request.query, { limit: { type: 'integer', min: 1, max: 100, default: 20 }, after: { type: 'string' } })) }),
			},
			{
				method: 'POST',
				path: '/v1/organization/invites',
				auth: WRITE,
				handle: (request) => {
					const body = readJsonObject(request, ['email', 'role', 'projects']);
					if (body.email === undefined) throw missingParameter('email');
					if (typeof body.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) throw invalidValue('email', 'not an email address.');
					if (body.role === undefined) throw missingParameter('role');
					if (body.role !== 'owner' && body.role !== 'reader') throw invalidEnumValue('role', String(body.role), ['reader', 'owner']);
					const email = body.email.toLowerCase();
					if (org.users.some((user) => user.email.toLowerCase() === email)) throw invalidValue('email', `${body.email} is already a member of this organization.`);
					if (invites.some((invite) => invite.email === email)) throw invalidValue('email', `${body.email} has a pending invite already.`);
					const invite: Invite = {
						id: ids.next('invite-', 24, email),
						email,
						role: body.role,
						createdAt: clock.nowSeconds(),
						projects: readProjects(body.projects, (id) => org.projects.some((project) => project.id === id)),
					};
					invites.push(invite);
					return { body: json(invite) };
				},
			},
			{
				method: 'GET',
				path: '/v1/organization/invites/{invite_id}',
				auth: READ,
				handle: (request) => ({ body: json(inviteOf(request)) }),
			},
			{
				method: 'DELETE',
				path: '/v1/organization/invites/{invite_id}',
				auth: WRITE,
				handle: (request) => {
					const invite = inviteOf(request);
					invites.splice(invites.indexOf(invite), 1);
					return { body: { object: 'organization.invite.deleted', id: invite.id, deleted: true } };
				},
			},
		],
		reset() {
			invites.length = 0;
		},
	};
};
