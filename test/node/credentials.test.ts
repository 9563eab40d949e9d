import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { testCredential } from '../harness';

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const DAY = 86400;

describe('OpenAI Platform API credential test (GET /models)', () => {
	it('passes with a project key, sending the key from the credential', async () => {
		const result = await testCredential('openAiPlatformApi', { apiKey: FAKE_KEYS.project, url: fake.url });
		expect(result).toMatchObject({ status: 'OK' });
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', authKey: FAKE_KEYS.project });
	});

	it('passes with a user key and a trailing slash in the Base URL', async () => {
		const result = await testCredential('openAiPlatformApi', { apiKey: FAKE_KEYS.user, url: `${fake.url}/` });
		expect(result.status).toBe('OK');
		expect(fake.requests[0].path).toBe('/v1/models');
	});

	it('fails with a wrong key and says what key to use', async () => {
		const result = await testCredential('openAiPlatformApi', { apiKey: 'sk-proj-wrong-key-0000', url: fake.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected this key \(401\)/);
		expect(result.message).toMatch(/project API key/);
		expect(result.message).not.toContain('sk-proj-wrong-key-0000');
	});

	it('fails with an admin key, saying it belongs in the admin credential', async () => {
		const result = await testCredential('openAiPlatformApi', { apiKey: FAKE_KEYS.admin, url: fake.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Admin keys \(sk-admin-\.\.\.\) only work in the OpenAI Admin API credential/);
	});

	it.each([
		['not a url', /Base URL "not a url" is not a URL/],
		['ftp://files.example/v1', /must start with https:\/\/ or http:\/\//],
	])('fails with a Base URL that is not an http(s) URL (%s), naming the field and what a valid one looks like', async (url, message) => {
		const result = await testCredential('openAiPlatformApi', { apiKey: FAKE_KEYS.project, url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).toMatch(/https:\/\/api\.openai\.com\/v1/);
		const admin = await testCredential('openAiAdminApi', { apiKey: FAKE_KEYS.admin, url });
		expect(admin.status).toBe('Error');
		expect(admin.message).toMatch(message);
	});

	it('fails with a Base URL that does not serve the API', async () => {
		const result = await testCredential('openAiPlatformApi', { apiKey: FAKE_KEYS.project, url: fake.origin });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/404/);
	});
});

describe('OpenAI Admin API credential test (one costs bucket)', () => {
	it('passes with an admin key that can read usage, asking for yesterday 00:00 UTC', async () => {
		const result = await testCredential('openAiAdminApi', { apiKey: FAKE_KEYS.admin, url: fake.url });
		expect(result).toMatchObject({ status: 'OK' });
		const request = fake.requests[0];
		expect(request).toMatchObject({ method: 'GET', path: '/v1/organization/costs', authKey: FAKE_KEYS.admin });
		const start = Number(request.query.start_time);
		expect(start % DAY).toBe(0);
		const todayStart = Math.floor(Date.now() / 1000 / DAY) * DAY;
		expect(start).toBe(todayStart - DAY);
		expect(Number(request.query.limit)).toBe(1);
	});

	it('fails with a project key, naming the key type and the scope', async () => {
		const result = await testCredential('openAiAdminApi', { apiKey: FAKE_KEYS.project, url: fake.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/api\.usage\.read/);
		expect(result.message).toMatch(/Admin key \(sk-admin-\.\.\.\)/);
		expect(result.message).toMatch(/project keys \(sk-proj-\.\.\.\)/);
	});

	it('fails with an admin key that lacks api.usage.read', async () => {
		const result = await testCredential('openAiAdminApi', { apiKey: FAKE_KEYS.adminNoUsageScope, url: fake.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/needs the api\.usage\.read scope/);
	});

	it('fails with a wrong key', async () => {
		const result = await testCredential('openAiAdminApi', { apiKey: 'sk-admin-revoked-9999', url: fake.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/needs an Admin key/);
		expect(result.message).not.toContain('sk-admin-revoked-9999');
	});
});
