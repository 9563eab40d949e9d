import type { AreaFactory, FakeRequest } from '../../area';
import { base62Digest } from '../../deterministic';
import { ApiError, invalidType, invalidValue, missingParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams } from '../../params';
import { listPage } from './lists';
import { readJsonObject } from './organizationWrites';
import type { SyntheticServiceAccount } from './syntheticOrg';

/**
 * A project's service accounts (list, get, create, delete), with state in the synthetic organization
 * (`reset()` restores it). Create returns the account's API key once — and the fake then accepts that
 * key for the project, as the real API would.
 */
const READ = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;

export const serviceAccountsArea: AreaFactory = ({ org, ids, clock, keys, seed }) => {
	const accounts = org.serviceAccounts as SyntheticServiceAccount[];
	const initial = [...accounts];
	const roles = new Map<string, 'member' | 'none'>();
	const projectOf = (request: FakeRequest): string => {
		const id = request.params.project_id;
		if (!org.projects.some((project) => project.id === id)) throw new ApiError(404, 'invalid_request_error', `No project found with ID '${id}'.`, null, null);
		return id;
	};
	const accountOf = (request: FakeRequest): SyntheticServiceAccount => {
		const projectId = projectOf(request);
		const account = accounts.find((candidate) => candidate.id === request.params.service_account_id && candidate.projectId === projectId);
		if (!account) throw new ApiError(404, 'invalid_request_error', `No service account found with ID '${request.params.service_account_id}'.`, null, null);
		return account;
	};
	const json = (account: SyntheticServiceAccount) => ({
		object: 'organization.project.service_account',
		id: account.id,
		name: account.name,
		role: roles.get(account.id) ?? 'member',
		created_at: account.createdAt,
	});
	const base = '/v1/organization/projects/{project_id}/service_accounts';
	return {
		name: 'admin/service-accounts',
		routes: [
			{
				method: 'GET',
				path: base,
				auth: READ,
				handle: (request) => {
					const projectId = projectOf(request);
					const params = readQueryParams(request.query, { limit: { type: 'integer', min: 1, max: 100, default: 20 }, after: { type: 'string' } });
					return { body: listPage(accounts.filter((account) => account.projectId === projectId).map(json), params) };
				},
			},
			{
				method: 'POST',
				path: base,
				auth: WRITE,
				handle: (request) => {
					const projectId = projectOf(request);
					const body = readJsonObject(request, ['name', 'create_service_account_only']);
					if (body.name === undefined) throw missingParameter('name');
					if (typeof body.name !== 'string') throw invalidType('name', 'a string', typeof body.name);
					if (body.name.trim() === '') throw invalidValue('name', 'the name must not be empty.');
					const now = clock.nowSeconds();
					const account = { id: ids.next('svc_acct_', 24, body.name), name: body.name, projectId, createdAt: now };
					accounts.push(account);
					const accountOnly = body.create_service_account_only === true;
					roles.set(account.id, accountOnly ? 'none' : 'member');
					let apiKey = null;
					if (!accountOnly) {
						const value = `sk-svcacct-${base62Digest(40, seed, 'service-account-key', account.id)}`;
						const record = keys.addApiKey(value, { project: projectId });
						apiKey = { object: 'organization.project.service_account.api_key', value, name: 'Secret Key', created_at: now, id: record.id };
					}
					return { body: { ...json(account), api_key: apiKey } };
				},
			},
			{
				method: 'GET',
				path: `${base}/{service_account_id}`,
				auth: READ,
				handle: (request) => ({ body: json(accountOf(request)) }),
			},
			{
				method: 'DELETE',
				path: `${base}/{service_account_id}`,
				auth: WRITE,
				handle: (request) => {
					const account = accountOf(request);
					accounts.splice(accounts.indexOf(account), 1);
					return { body: { object: 'organization.project.service_account.deleted', id: account.id, deleted: true } };
				},
			},
		],
		reset() {
			accounts.splice(0, accounts.length, ...initial);
			roles.clear();
		},
	};
};
