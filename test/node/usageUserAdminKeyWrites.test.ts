import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { rl, usageNodeRuns } from './usageAdminRuns';

/** User → Update Role / Remove and Admin API Key → Create / Get / Delete, through n8n, against the fake Admin API (with state). */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => {
	fake.reset();
});

const { run, first, adminCalls } = usageNodeRuns(() => fake);
const reader = () => {
	const user = fake.org.users.find((candidate) => candidate.role === 'reader');
	if (!user) throw new Error('the synthetic organization has no reader');
	return user;
};

describe('User → Update Role, Remove', () => {
	it('makes a reader an owner and back; Get shows each step', async () => {
		const { id, email } = reader();
		expect(first(await run({ resource: 'user', operation: 'update', userId: rl(id), orgRole: 'owner' }))).toMatchObject({ object: 'organization.user', id, email, role: 'owner' });
		expect(adminCalls()[0]).toMatchObject({ method: 'POST', path: `/v1/organization/users/${id}`, body: { role: 'owner' } });
		expect(first(await run({ resource: 'user', operation: 'get', userId: rl(id) }))).toMatchObject({ role: 'owner' });
		expect(first(await run({ resource: 'user', operation: 'update', userId: rl(id), orgRole: 'reader' }))).toMatchObject({ role: 'reader' });
	});

	it('removes a user: Get Many no longer lists them, nor do their projects', async () => {
		const { id } = reader();
		const project = fake.org.apiKeys.find((key) => key.ownerUserId === id)?.projectId ?? '';
		expect(first(await run({ resource: 'user', operation: 'remove', userId: rl(id) }))).toEqual({ id, deleted: true });
		expect(adminCalls()[0]).toMatchObject({ method: 'DELETE', path: `/v1/organization/users/${id}` });
		const users = (await run({ resource: 'user', operation: 'getAll', returnAll: true })).output('OpenAI').map((item) => item.json.id);
		expect(users).not.toContain(id);
		const members = (await run({ resource: 'projectUser', operation: 'getAll', projectId: rl(project), returnAll: true })).output('OpenAI').map((item) => item.json.id);
		expect(members).not.toContain(id);
	});

	it.each([
		[{ operation: 'remove', userId: rl('={{ "" }}') }, 'The "User" parameter is empty [item 0]'],
		[{ operation: 'remove', userId: rl('ada@fake-org.example') }, 'The "User" parameter is not a user ID: "ada@fake-org.example" [item 0]'],
		[{ operation: 'update', userId: rl(' ') , orgRole: 'owner' }, 'The "User" parameter is empty [item 0]'],
		[{ operation: 'update', userId: rl('user-x'), orgRole: '={{ "admin" }}' }, 'The "Role" parameter has an unknown value "admin" [item 0]'],
		[{ operation: 'update', userId: rl('user-x'), orgRole: 'member' }, 'The "Role" parameter has an unknown value "member" [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'user', ...parameters });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(adminCalls()).toHaveLength(0);
	});

	it('an unknown user is OpenAI\'s 404, named; a key without api.management.write is told which scope it lacks', async () => {
		const unknown = await run({ resource: 'user', operation: 'remove', userId: rl('user-nope') });
		expect(unknown.nodeError('OpenAI')?.message).toMatch(/^OpenAI: No user found with ID 'user-nope'/);
		expect((await run({ resource: 'user', operation: 'update', userId: rl('user-nope'), orgRole: 'owner' })).nodeError('OpenAI')?.message).toMatch(/^OpenAI: No user found with ID 'user-nope'/);
		const before = fake.org.users.length;
		for (const parameters of [{ operation: 'remove' }, { operation: 'update', orgRole: 'owner' }]) {
			const denied = await run({ resource: 'user', userId: rl(reader().id), ...parameters }, { key: FAKE_KEYS.adminNoUsageScope });
			expect(denied.nodeError('OpenAI')?.message).toMatch(/Missing scopes: api\.management\.write/);
			expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
		}
		expect(fake.org.users).toHaveLength(before);
		expect(reader().role).toBe('reader');
	});

	it('removing the last owner is OpenAI\'s error (the fake\'s 400), not a success', async () => {
		const [first_, second] = fake.org.users.filter((user) => user.role === 'owner');
		expect((await run({ resource: 'user', operation: 'update', userId: rl(second.id), orgRole: 'reader' })).status).toBe('success');
		const last = await run({ resource: 'user', operation: 'remove', userId: rl(first_.id) });
		expect(last.nodeError('OpenAI')?.message).toMatch(/^OpenAI: Invalid value for 'user_id': the organization must keep at least one owner/);
	});

	it('an answer that does not show the new role, or a removal that says false, is an error naming it', async () => {
		const { id } = reader();
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'POST', path: `/v1/organization/users/${id}` }, body: { object: 'organization.user', id, role: 'reader', added_at: 1 } });
		const stale = await run({ resource: 'user', operation: 'update', userId: rl(id), orgRole: 'owner' });
		expect(stale.nodeError('OpenAI')?.message).toMatch(new RegExp(`^The server's answer is not the user ${id} with the role owner: \`role\` should be "owner", but is "reader"`));
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'DELETE', path: `/v1/organization/users/${id}` }, body: { object: 'organization.user.deleted', id, deleted: false } });
		const notRemoved = await run({ resource: 'user', operation: 'remove', userId: rl(id) });
		expect(notRemoved.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not the removal of a user: `deleted` should be true, but is false/);
	});
});

describe('Admin API Key → Create, Get, Delete', () => {
	it('creates a key and hands over its value once, with a notice and its expiry; Get never shows the value; Delete ends it', async () => {
		const created = first(await run({ resource: 'adminApiKey', operation: 'create', adminKeyName: ' Rotation ', expiresInDays: 30 }));
		expect(adminCalls()[0]).toMatchObject({ method: 'POST', path: '/v1/organization/admin_api_keys', body: { name: 'Rotation', expires_in_seconds: 30 * 86_400 } });
		expect(created).toMatchObject({
			object: 'organization.admin_api_key',
			name: 'Rotation',
			value: expect.stringMatching(/^sk-admin-/),
			expires_at: (created.created_at as number) + 30 * 86_400,
			key_notice: expect.stringMatching(/^OpenAI returns this admin key only now: it cannot be read again/),
		});
		expect([29, 30]).toContain(created.expires_in_days);
		const { id, value } = created as { id: string; value: string };
		const withNewKey = await run({ resource: 'project', operation: 'getAll', returnAll: true }, { key: value });
		expect(withNewKey.status).toBe('success');
		const got = first(await run({ resource: 'adminApiKey', operation: 'get', adminKeyId: id }));
		expect(got).toMatchObject({ id, name: 'Rotation', redacted_value: expect.stringMatching(/^sk-admin\.\.\./), expires_at: created.expires_at });
		expect(JSON.stringify(got)).not.toContain(value);
		const listed = (await run({ resource: 'adminApiKey', operation: 'getAll', returnAll: true })).output('OpenAI').map((item) => item.json.id);
		expect(listed).toContain(id);
		expect(first(await run({ resource: 'adminApiKey', operation: 'delete', adminKeyId: id }))).toEqual({ id, deleted: true });
		expect((await run({ resource: 'adminApiKey', operation: 'get', adminKeyId: id })).nodeError('OpenAI')?.message).toMatch(/^OpenAI: No admin API key found with ID/);
		const afterDelete = await run({ resource: 'project', operation: 'getAll', returnAll: true }, { key: value });
		expect(afterDelete.status).toBe('error');
		expect(JSON.stringify(afterDelete.nodeError('OpenAI'))).not.toContain(value);
	});

	it('without an expiry the key does not expire (no expires_in_seconds is sent)', async () => {
		const created = first(await run({ resource: 'adminApiKey', operation: 'create', adminKeyName: 'Forever' }));
		expect(adminCalls()[0].body).toEqual({ name: 'Forever' });
		expect(created).toMatchObject({ expires_at: null, expires_in_days: null, expiry_warning: null });
	});

	it.each([
		[{ operation: 'create', adminKeyName: '={{ " " }}' }, 'The "Name" parameter is empty [item 0]'],
		[{ operation: 'create', adminKeyName: 'x', expiresInDays: 366 }, 'The "Expires After (Days)" parameter must be a whole number from 0 to 365, not 366 [item 0]'],
		[{ operation: 'create', adminKeyName: 'x', expiresInDays: 1.5 }, 'The "Expires After (Days)" parameter must be a whole number from 0 to 365, not 1.5 [item 0]'],
		[{ operation: 'delete', adminKeyId: '={{ "" }}' }, 'The "Admin Key ID" parameter is empty [item 0]'],
		[{ operation: 'delete', adminKeyId: 'sk-admin-abc' }, 'The "Admin Key ID" parameter is a secret key, not a key ID [item 0]'],
		[{ operation: 'get', adminKeyId: ' ' }, 'The "Admin Key ID" parameter is empty [item 0]'],
	])('%j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'adminApiKey', ...parameters });
		expect(result.nodeError('OpenAI')?.message).toBe(message);
		expect(result.nodeError('OpenAI')?.message).not.toContain('sk-admin-abc');
		expect(adminCalls()).toHaveLength(0);
	});

	it('an unknown key is OpenAI\'s 404; a key without api.management.write is told which scope it lacks, and may still read', async () => {
		expect((await run({ resource: 'adminApiKey', operation: 'delete', adminKeyId: 'key_nope' })).nodeError('OpenAI')?.message).toMatch(/^OpenAI: No admin API key found with ID 'key_nope'/);
		const existing = fake.org.adminKeys(fake.clock.nowSeconds())[0].id;
		for (const parameters of [{ operation: 'create', adminKeyName: 'x' }, { operation: 'delete', adminKeyId: existing }]) {
			const denied = await run({ resource: 'adminApiKey', ...parameters }, { key: FAKE_KEYS.adminNoUsageScope });
			expect(denied.nodeError('OpenAI')?.message).toMatch(/Missing scopes: api\.management\.write/);
			expect(denied.nodeError('OpenAI')?.description).toMatch(/lacks the scope api\.management\.write/);
		}
		expect(fake.org.adminKeys(fake.clock.nowSeconds()).map((key) => key.id)).toContain(existing);
		expect(first(await run({ resource: 'adminApiKey', operation: 'get', adminKeyId: existing }, { key: FAKE_KEYS.adminNoUsageScope }))).toMatchObject({ id: existing });
	});

	it('an answer without the value is an error (the key could never be read again); the error never shows a value that came', async () => {
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'POST', path: '/v1/organization/admin_api_keys' }, body: { object: 'organization.admin_api_key', id: 'key_x', name: 'x', created_at: 1, expires_at: null } });
		const missing = await run({ resource: 'adminApiKey', operation: 'create', adminKeyName: 'x' });
		expect(missing.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not an admin API key with its value: `value` should be a non-empty text, but is nothing/);
		const secret = 'gwadm_NotPrefixedLikeOpenAi0123456789abcdef';
		fake.injectFault({ kind: 'status', status: 200, match: { method: 'POST', path: '/v1/organization/admin_api_keys' }, body: { object: 'organization.admin_api_key', name: 'x', value: secret, expires_at: null } });
		const noId = await run({ resource: 'adminApiKey', operation: 'create', adminKeyName: 'x' });
		expect(noId.nodeError('OpenAI')?.message).toMatch(/^The server's answer is not an admin API key with its value: `id`/);
		expect(JSON.stringify(noId.nodeError('OpenAI'))).not.toContain(secret);
		expect(noId.logs.join('\n')).not.toContain(secret);
	});
});
