import type { AreaFactory } from '../../area';
import { ApiError, invalidEnumValue, invalidType, invalidValue, missingParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readJsonObject } from './organizationWrites';
import type { SyntheticOrg, SyntheticUser } from './syntheticOrg';

/**
 * Changing an organization user's role and removing a user, with state in the synthetic organization:
 * the reads (admin/organization) and the project members (admin/project-users) see the result; `reset()`
 * restores it. The organization keeps at least one owner (demoting or removing the last one is a 400,
 * an assumption of the fake: the spec documents only the 200). The fake knows `role` only of the update
 * body's fields. Both need api.management.write.
 */
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;
const ROLES = ['owner', 'reader'] as const;

/** Adds a user to the organization, as an accepted invite would (for tests that need a user to remove). */
export function joinOrganization(org: SyntheticOrg, user: SyntheticUser): SyntheticUser {
	(org.users as SyntheticUser[]).push(user);
	return user;
}

export const organizationUsersArea: AreaFactory = ({ org }) => {
	const users = org.users as SyntheticUser[];
	const initial = [...users];
	const indexOf = (id: string): number => {
		const index = users.findIndex((user) => user.id === id);
		if (index === -1) throw new ApiError(404, 'invalid_request_error', `No user found with ID '${id}'.`, null, null);
		return index;
	};
	const keepAnOwner = (leaving: SyntheticUser) => {
		if (leaving.role === 'owner' && users.filter((user) => user.role === 'owner').length === 1) {
			throw invalidValue('user_id', 'the organization must keep at least one owner.');
		}
	};
	const json = (user: SyntheticUser) => ({ object: 'organization.user', id: user.id, name: user.name, email: user.email, role: user.role, added_at: user.addedAt });
	return {
		name: 'admin/organization-users',
		routes: [
			{
				method: 'POST',
				path: '/v1/organization/users/{user_id}',
				auth: WRITE,
				handle: (request) => {
					const index = indexOf(request.params.user_id);
					const body = readJsonObject(request, ['role']);
					if (body.role === undefined || body.role === null) throw missingParameter('role');
					if (typeof body.role !== 'string') throw invalidType('role', 'a string', typeof body.role);
					if (!(ROLES as readonly string[]).includes(body.role)) throw invalidEnumValue('role', body.role, [...ROLES]);
					if (body.role !== 'owner') keepAnOwner(users[index]);
					users[index] = { ...users[index], role: body.role as SyntheticUser['role'] };
					return { body: json(users[index]) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/organization/users/{user_id}',
				auth: WRITE,
				handle: (request) => {
					const index = indexOf(request.params.user_id);
					keepAnOwner(users[index]);
					const [removed] = users.splice(index, 1);
					return { body: { object: 'organization.user.deleted', id: removed.id, deleted: true } };
				},
			},
		],
		reset() {
			users.splice(0, users.length, ...initial);
		},
	};
};
