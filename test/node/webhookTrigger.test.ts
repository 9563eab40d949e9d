/**
 * OpenAI Webhook Trigger through the harness's webhook runner (n8n-core's WebhookContext): signed,
 * unsigned, wrongly signed, stale and unwanted events, and fetching the object an event names from the fake.
 * Signatures are made here with node:crypto (the Standard Webhooks scheme), independently of the SDK
 * the node verifies with.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import type { WebhookOptions, WorkflowJson } from '../harness';
import { runWebhook } from '../harness';

const SECRET_BYTES = randomBytes(32);
const SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const nowSeconds = Math.floor(NOW / 1000);

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

function triggerWorkflow(parameters: Record<string, unknown> = {}): WorkflowJson {
	return {
		name: 'webhook',
		nodes: [
			{
				name: 'OpenAI Webhook',
				type: 'n8n-nodes-openai-platform.openAiWebhookTrigger',
				typeVersion: 1,
				webhookId: 'b8f2e1a0-1111-4c4c-9999-000000000001',
				parameters,
				credentials: {
					openAiWebhookApi: { id: 'cred-webhook-1', name: 'Webhook secret' },
					openAiPlatformApi: { id: 'cred-platform-1', name: 'OpenAI Platform (test)' },
				},
			},
		],
		connections: {},
	};
}

const event = (type: string, dataId: string) => ({ id: 'evt_685343a1381c819085d44c354e1b330e', object: 'event', type, created_at: nowSeconds - 5, data: { id: dataId } });

function sign(body: string, options: { id?: string; timestamp?: number; secret?: Buffer } = {}) {
	const id = options.id ?? 'wh_685342e6c53c8190a1be43f081506c52';
	const timestamp = String(options.timestamp ?? nowSeconds);
	const signature = createHmac('sha256', options.secret ?? SECRET_BYTES).update(`${id}.${timestamp}.${body}`).digest('base64');
	return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

const options = (extra: Partial<WebhookOptions> = {}): WebhookOptions => ({
	credentials: { openAiWebhookApi: { signingSecret: SECRET }, openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } },
	now: () => NOW,
	...extra,
});

async function post(body: string, headers: Record<string, string>, parameters: Record<string, unknown> = {}, extra: Partial<WebhookOptions> = {}) {
	return await runWebhook(triggerWorkflow(parameters), 'OpenAI Webhook', { body, headers }, options(extra));
}

describe('OpenAI Webhook Trigger: the signature', () => {
	it('a correctly signed event starts the workflow with the event, the webhook id and timestamp', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const result = await post(body, sign(body));
		expect(result.response.status).toBe(200);
		expect(result.workflowData).toEqual([
			[{ json: { ...event('batch.completed', 'batch_abc123'), webhook: { id: 'wh_685342e6c53c8190a1be43f081506c52', timestamp: nowSeconds } } }],
		]);
		expect(result.httpRequests).toEqual([]);
	});

	it('accepts the right signature among several (secret rotation), whatever its position', async () => {
		const body = JSON.stringify(event('response.completed', 'resp_1'));
		const headers = sign(body);
		const wrong = sign(body, { secret: randomBytes(32) })['webhook-signature'];
		headers['webhook-signature'] = `${wrong} ${headers['webhook-signature']}`;
		const result = await post(body, headers);
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it.each([
		['webhook-signature'],
		['webhook-timestamp'],
		['webhook-id'],
	])('an unsigned request (no %s header) is answered 400 and starts nothing', async (missing) => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const headers: Record<string, string> = sign(body);
		delete headers[missing];
		const result = await post(body, headers);
		expect(result.workflowData).toBeUndefined();
		expect(result.returned.noWebhookResponse).toBe(true);
		expect(result.response).toMatchObject({ status: 400, body: { error: expect.stringContaining(missing) } });
	});

	it('a request signed with another secret is answered 401 and starts nothing', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const result = await post(body, sign(body, { secret: randomBytes(32) }));
		expect(result.workflowData).toBeUndefined();
		expect(result.response).toMatchObject({ status: 401, body: { error: expect.stringMatching(/does not match/) } });
	});

	it('a body changed after signing is answered 401 (the raw bytes are verified, not re-serialised JSON)', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const tampered = body.replace('batch_abc123', 'batch_evil00');
		const result = await post(tampered, sign(body));
		expect(result.workflowData).toBeUndefined();
		expect(result.response.status).toBe(401);
		// same JSON, different bytes (whitespace): still the bytes that count
		const spaced = JSON.stringify(JSON.parse(body), null, 1);
		expect((await post(spaced, sign(body))).response.status).toBe(401);
	});

	it('a stale request (older than the tolerance) is answered 401; the tolerance is a parameter', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const tenMinutesAgo = sign(body, { timestamp: nowSeconds - 600 });
		const stale = await post(body, tenMinutesAgo);
		expect(stale.workflowData).toBeUndefined();
		expect(stale.response).toMatchObject({ status: 401, body: { error: expect.stringMatching(/too old.*Timestamp Tolerance/) } });
		const future = await post(body, sign(body, { timestamp: nowSeconds + 600 }));
		expect(future.response.status).toBe(401);
		const tolerant = await post(body, tenMinutesAgo, { options: { toleranceSeconds: 900 } });
		expect(tolerant.workflowData?.[0]).toHaveLength(1);
	});

	it('a signed body that is not an event is answered 400', async () => {
		for (const body of ['not json', '[]', JSON.stringify({ id: 'evt_1', data: {} })]) {
			const result = await post(body, sign(body));
			expect(result.workflowData).toBeUndefined();
			expect(result.response.status).toBe(400);
		}
	});

	it('without a signing secret in the credential nothing is accepted (500, the setup is wrong)', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const result = await post(body, sign(body), {}, { credentials: { openAiWebhookApi: { signingSecret: '' } } });
		expect(result.workflowData).toBeUndefined();
		expect(result.response).toMatchObject({ status: 500, body: { error: expect.stringContaining('Signing Secret') } });
	});

	it('the secret appears in no answer, output or log', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_abc123'));
		const results = [await post(body, sign(body)), await post(body, sign(body, { secret: randomBytes(32) }))];
		const secretPart = SECRET.slice('whsec_'.length);
		for (const result of results) {
			const text = JSON.stringify([result.response, result.workflowData ?? null, result.logs]);
			expect(text).not.toContain(secretPart);
		}
	});
});

describe('OpenAI Webhook Trigger: event types', () => {
	it('an event that is not selected is answered 200 (so OpenAI does not resend it) and starts nothing', async () => {
		const body = JSON.stringify(event('response.completed', 'resp_1'));
		const result = await post(body, sign(body), { events: ['batch.completed', 'batch.failed'] });
		expect(result.workflowData).toBeUndefined();
		expect(result.response).toEqual({ status: 200, body: { message: 'Event response.completed is not selected in this trigger: ignored' }, headers: {} });
		const selected = JSON.stringify(event('batch.failed', 'batch_1'));
		expect((await post(selected, sign(selected), { events: ['batch.completed', 'batch.failed'] })).workflowData?.[0]).toHaveLength(1);
	});

	it('offers every event of the spec', async () => {
		const { OpenAiWebhookTrigger } = await import('../../nodes/OpenAiWebhookTrigger/OpenAiWebhookTrigger.node');
		const { readFileSync } = await import('node:fs');
		const { parse } = await import('yaml');
		const spec = parse(readFileSync(`${__dirname}/../contract/openapi.yaml`, 'utf8')) as {
			webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }>;
			components: { schemas: Record<string, { properties: { type: { enum: string[] } } }> };
		};
		const specTypes = Object.values(spec.webhooks).map((hook) => {
			const ref = hook.post.requestBody.content['application/json'].schema.$ref.split('/').pop()!;
			return spec.components.schemas[ref].properties.type.enum[0];
		});
		const events = new OpenAiWebhookTrigger().description.properties.find((p) => p.name === 'events')!;
		expect((events.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(specTypes.sort());
	});
});

async function createBatch(): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'batch');
	const line = JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'x' } });
	form.append('file', new Blob([`${line}\n`], { type: 'application/jsonl' }), 'in.jsonl');
	const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
	const file = (await (await fetch(`${fake.url}/files`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };
	const batch = await fetch(`${fake.url}/batches`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/embeddings', completion_window: '24h' }),
	});
	return ((await batch.json()) as { id: string }).id;
}

async function createResponse(): Promise<string> {
	const response = await fetch(`${fake.url}/responses`, {
		method: 'POST',
		headers: { authorization: `Bearer ${FAKE_KEYS.project}`, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'gpt-4o-mini', input: 'Hello' }),
	});
	return ((await response.json()) as { id: string }).id;
}

describe('OpenAI Webhook Trigger: Fetch the Object', () => {
	it('batch.completed: the workflow starts with the batch as the API has it', async () => {
		const batchId = await createBatch();
		const body = JSON.stringify(event('batch.completed', batchId));
		const result = await post(body, sign(body), { fetchObject: true });
		const json = result.workflowData?.[0][0].json as Record<string, unknown>;
		expect(json.batch).toMatchObject({ id: batchId, object: 'batch', endpoint: '/v1/embeddings', status: expect.any(String) });
		expect(json.fetchError).toBeUndefined();
		expect(result.httpRequests.map((r) => [r.method, r.url])).toEqual([['GET', `${fake.url}/batches/${batchId}`]]);
		expect(JSON.stringify(json)).not.toContain(FAKE_KEYS.project);
	});

	it('response.completed: the workflow starts with the response', async () => {
		const responseId = await createResponse();
		const body = JSON.stringify(event('response.completed', responseId));
		const result = await post(body, sign(body), { fetchObject: true });
		expect(result.workflowData?.[0][0].json.response).toMatchObject({ id: responseId, object: 'response', status: 'completed' });
	});

	it('an object that cannot be fetched does not lose the event: it is emitted with fetchError (no key in it)', async () => {
		const body = JSON.stringify(event('batch.completed', 'batch_does_not_exist'));
		const result = await post(body, sign(body), { fetchObject: true });
		const json = result.workflowData?.[0][0].json as Record<string, unknown>;
		expect(json.id).toBe('evt_685343a1381c819085d44c354e1b330e');
		expect(json.batch).toBeUndefined();
		expect(json.fetchError).toMatchObject({ message: expect.stringMatching(/^OpenAI: /), httpCode: '404' });
		expect(JSON.stringify(json)).not.toContain(FAKE_KEYS.project);
	});

	it('events that name nothing fetchable (eval runs, calls) are emitted as they come, without a request', async () => {
		const body = JSON.stringify(event('eval.run.succeeded', 'evalrun_1'));
		const result = await post(body, sign(body), { fetchObject: true });
		expect(result.workflowData?.[0][0].json).toMatchObject({ type: 'eval.run.succeeded', data: { id: 'evalrun_1' } });
		expect(result.httpRequests).toEqual([]);
	});

	it('wrongly signed requests never reach the API, even with Fetch the Object on', async () => {
		const batchId = await createBatch();
		const body = JSON.stringify(event('batch.completed', batchId));
		const result = await post(body, sign(body, { secret: randomBytes(32) }), { fetchObject: true });
		expect(result.response.status).toBe(401);
		expect(result.httpRequests).toEqual([]);
	});
});
