import type { AreaContext, AreaFactory } from '../../area';
import { base62Digest } from '../../deterministic';
import { ApiError, integerBelowMin, invalidType, invalidValue, missingParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams } from '../../params';
import { perServer } from '../media/serverState';
import { readJsonObject } from './organizationWrites';
import type { SyntheticAdminKey, SyntheticOrg } from './syntheticOrg';

/**
 * Admin API keys: get one, create (the key's value returned once, and the fake then accepts that key
 * with every admin scope, as the real API would), delete (the key stops working). The list route
 * (admin/organization) asks org.adminKeys(): it sees the changes; `reset()` restores the synthetic keys.
 * Reads need api.management.read, writes api.management.write.
 */
const READ = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;
const MAX_EXPIRY_SECONDS = 31_536_000;

export function adminKeyJson(org: SyntheticOrg, key: SyntheticAdminKey) {
	const owner = org.users.find((user) => user.id === key.ownerUserId) ?? org.users[0];
	return {
		object: 'organization.admin_api_key',
		id: key.id,
		name: key.name,
		redacted_value: key.redactedValue,
		created_at: key.createdAt,
		expires_at: key.expiresAt,
		last_used_at: key.lastUsedAt,
		owner: { type: 'user', object: 'organization.user', id: owner?.id ?? key.ownerUserId, name: owner?.name ?? '', created_at: owner?.addedAt ?? key.createdAt, role: 'owner' },
	};
}

interface AdminKeyState {
	created: SyntheticAdminKey[];
	deleted: Set<string>;
	issued: number;
}
const stateOf = (anchor: Pick<AreaContext, 'clock'>) => perServer<AdminKeyState>(anchor, 'adminKeys', () => ({ created: [], deleted: new Set(), issued: 0 }));

/**
 * Creates an admin key as POST /organization/admin_api_keys does: listed from then on, and its value
 * accepted with every admin scope. Tests use it for a key to delete.
 */
export function issueAdminKey(fake: Pick<AreaContext, 'clock' | 'org' | 'keys'>, name: string, expiresInSeconds?: number): { key: SyntheticAdminKey; value: string } {
	const state = stateOf(fake);
	const now = fake.clock.nowSeconds();
	const value = `sk-admin-${base62Digest(40, 'created-admin-key', name, state.issued++, now)}`;
	const record = fake.keys.addAdminKey(value, { scopes: Object.values(ADMIN_SCOPES) });
	const key: SyntheticAdminKey = {
		id: record.id,
		name,
		redactedValue: `sk-admin...${value.slice(-3)}`,
		createdAt: now,
		expiresAt: expiresInSeconds === undefined ? null : now + expiresInSeconds,
		lastUsedAt: null,
		ownerUserId: fake.org.users[0].id,
	};
	state.created.push(key);
	return { key, value };
}

export const adminKeysArea: AreaFactory = (context) => {
	const { org, clock, keys } = context;
	const state = stateOf(context);
	const generated = org.adminKeys.bind(org);
	(org as { adminKeys: typeof org.adminKeys }).adminKeys = (now) => [...generated(now), ...state.created].filter((key) => !state.deleted.has(key.id));
	const keyOf = (id: string): SyntheticAdminKey => {
		const key = org.adminKeys(clock.nowSeconds()).find((candidate) => candidate.id === id);
		if (!key) throw new ApiError(404, 'invalid_request_error', `No admin API key found with ID '${id}'.`, null, null);
		return key;
	};
	const base = '/v1/organization/admin_api_keys';
	return {
		name: 'admin/admin-keys',
		routes: [
			{
				method: 'POST',
				path: base,
				auth: WRITE,
				handle: (request) => {
					const body = readJsonObject(request, ['name', 'expires_in_seconds']);
					if (body.name === undefined || body.name === null) throw missingParameter('name');
					if (typeof body.name !== 'string') throw invalidType('name', 'a string', typeof body.name);
					if (body.name.trim() === '') throw invalidValue('name', 'the name must not be empty.');
					const expiresIn = body.expires_in_seconds;
					if (expiresIn !== undefined && !Number.isInteger(expiresIn)) throw invalidType('expires_in_seconds', 'an integer', typeof expiresIn);
					if (typeof expiresIn === 'number' && expiresIn < 1) throw integerBelowMin('expires_in_seconds', 1, expiresIn);
					if (typeof expiresIn === 'number' && expiresIn > MAX_EXPIRY_SECONDS) throw invalidValue('expires_in_seconds', `must be at most ${MAX_EXPIRY_SECONDS}.`);
					const { key, value } = issueAdminKey(context, body.name, typeof expiresIn === 'number' ? expiresIn : undefined);
					return { body: { ...adminKeyJson(org, key), value } };
				},
			},
			{
				method: 'GET',
				path: `${base}/{key_id}`,
				auth: READ,
				handle: (request) => {
					readQueryParams(request.query, {});
					return { body: adminKeyJson(org, keyOf(request.params.key_id)) };
				},
			},
			{
				method: 'DELETE',
				path: `${base}/{key_id}`,
				auth: WRITE,
				handle: (request) => {
					const key = keyOf(request.params.key_id);
					state.deleted.add(key.id);
					const record = keys.list().find((candidate) => candidate.kind === 'admin' && candidate.id === key.id);
					if (record) keys.revoke(record.key);
					return { body: { object: 'organization.admin_api_key.deleted', id: key.id, deleted: true } };
				},
			},
		],
		reset() {
			state.created.length = 0;
			state.deleted.clear();
			state.issued = 0;
		},
	};
};
