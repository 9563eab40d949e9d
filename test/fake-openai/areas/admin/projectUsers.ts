import type { AreaFactory, FakeRequest } from '../../area';
import { ApiError, invalidEnumValue, invalidType, missingParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams } from '../../params';
import { listPage } from './lists';
import { readJsonObject } from './organizationWrites';

/**
 * The members of each project (list, get, add, change role, remove), with state: at start, the users
 * who own a key in a project are its members. Reads need api.management.read, writes api.management.write.
 */
const READ = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;
const ROLES = ['owner', 'member'];

interface Member {
	userId: string;
	role: string;
	addedAt: number;
}

function notFound(message: string): ApiError {
	return new ApiError(404, 'invalid_request_error', message, null, null);
}

function readRole(body: Record<string, unknown>): string {
	if (body.role === undefined || body.role === null) throw missingParameter('role');
	if (typeof body.role !== 'string') throw invalidType('role', 'a string', typeof body.role);
	if (!ROLES.includes(body.role)) throw invalidEnumValue('role', body.role, ROLES);
	return body.role;
}

export const projectUsersArea: AreaFactory = ({ org, clock }) => {
	const members = new Map<string, Member[]>();
	const initialise = () => {
		members.clear();
		for (const key of org.apiKeys) {
			if (!key.ownerUserId) continue;
			const list = members.get(key.projectId) ?? [];
			const user = org.users.find((candidate) => candidate.id === key.ownerUserId);
			if (user && !list.some((member) => member.userId === user.id)) list.push({ userId: user.id, role: user.role === 'owner' ? 'owner' : 'member', addedAt: Math.max(user.addedAt, key.createdAt) });
			members.set(key.projectId, list);
		}
	};
	initialise();
	const membersOf = (request: FakeRequest): Member[] => {
		const id = request.params.project_id;
		if (!org.projects.some((project) => project.id === id)) throw notFound(`No project found with ID '${id}'.`);
		if (!members.has(id)) members.set(id, []);
		const list = members.get(id) as Member[];
		// a user removed from the organization is no longer a member of any project
		for (let index = list.length - 1; index >= 0; index--) if (!org.users.some((user) => user.id === list[index].userId)) list.splice(index, 1);
		return list;
	};
	const json = (member: Member) => {
		const user = org.users.find((candidate) => candidate.id === member.userId);
		return { object: 'organization.project.user', id: member.userId, name: user?.name ?? null, email: user?.email ?? null, role: member.role, added_at: member.addedAt };
	};
	const memberOf = (request: FakeRequest): Member => {
		const member = membersOf(request).find((candidate) => candidate.userId === request.params.user_id);
		if (!member) throw notFound(`No user '${request.params.user_id}' in project '${request.params.project_id}'.`);
		return member;
	};
	const base = '/v1/organization/projects/{project_id}/users';
	return {
		name: 'admin/project-users',
		routes: [
			{
				method: 'GET',
				path: base,
				auth: READ,
				handle: (request) => {
					const params = readQueryParams(request.query, { limit: { type: 'integer', min: 1, max: 100, default: 20 }, after: { type: 'string' } });
					return { body: listPage(membersOf(request).map(json), params) };
				},
			},
			{
				method: 'POST',
				path: base,
				auth: WRITE,
				handle: (request) => {
					const list = membersOf(request);
					const body = readJsonObject(request, ['user_id', 'email', 'role']);
					const role = readRole(body);
					const user = org.users.find((candidate) => (body.user_id ? candidate.id === body.user_id : candidate.email === body.email));
					if (!body.user_id && !body.email) throw missingParameter('user_id');
					if (!user) throw notFound(`No user found with ${body.user_id ? `ID '${String(body.user_id)}'` : `email '${String(body.email)}'`} in this organization.`);
					if (list.some((member) => member.userId === user.id)) throw new ApiError(400, 'invalid_request_error', `User '${user.id}' is already a member of this project.`, 'user_id', null);
					const member = { userId: user.id, role, addedAt: clock.nowSeconds() };
					list.push(member);
					return { body: json(member) };
				},
			},
			{
				method: 'GET',
				path: `${base}/{user_id}`,
				auth: READ,
				handle: (request) => ({ body: json(memberOf(request)) }),
			},
			{
				method: 'POST',
				path: `${base}/{user_id}`,
				auth: WRITE,
				handle: (request) => {
					const member = memberOf(request);
					member.role = readRole(readJsonObject(request, ['role']));
					return { body: json(member) };
				},
			},
			{
				method: 'DELETE',
				path: `${base}/{user_id}`,
				auth: WRITE,
				handle: (request) => {
					const list = membersOf(request);
					list.splice(list.indexOf(memberOf(request)), 1);
					return { body: { object: 'organization.project.user.deleted', id: request.params.user_id, deleted: true } };
				},
			},
		],
		reset: initialise,
	};
};
