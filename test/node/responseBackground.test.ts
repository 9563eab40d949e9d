import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { OpenAiPlatform } from '../../nodes/OpenAiPlatform/OpenAiPlatform.node';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { backgroundSettings } from '../fake-openai/areas/text/responseStore';
import { runWorkflow } from '../harness';
import { expectBackOff } from './pollPauses';
import type { NodeSpec } from './workflows';
import { workflow } from './workflows';

/**
 * Response → Create in background mode (return at once, or wait with back-off within a maximum
 * wait, honouring Stop), Get of a running response, and Cancel — against the fake's background
 * lifecycle (queued → in_progress → completed on the fake clock, scaled by `speed`).
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });
const model = { __rl: true, mode: 'list', value: 'gpt-4o-mini' };
const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
const polls = () => fake.requests.filter((r) => r.method === 'GET' && /^\/v1\/responses\/resp_/.test(r.path));
/** A lifecycle of 1.5 s: queued 0.5 s, in progress 1 s (polls every 0.1 s, then 0.15 s, 0.225 s, …: at least 5). */
const fastLifecycle = () => Object.assign(backgroundSettings(fake), { speed: 2 });

function create(parameters: IDataObject, spec: Partial<NodeSpec> = {}): NodeSpec {
	return { ...spec, parameters: { resource: 'response', operation: 'create', modelId: model, inputType: 'text', input: '={{ $json.text }}', background: true, ...parameters } };
}

async function run(items: IDataObject[], nodes: NodeSpec[], options: { cancelAfterMs?: number } = {}) {
	return await runWorkflow(workflow({ items, nodes }), { credentials: credentials(), ...options });
}

describe('Response → Create with Background on', () => {
	it('returns at once with the ID and status queued (one request, background: true)', async () => {
		const result = await run([{ text: 'A long report' }], [create({})]);
		expect(result.status).toBe('success');
		expect(creates()[0].body).toMatchObject({ background: true, input: 'A long report' });
		expect(result.output('OpenAI')[0].json).toMatchObject({ id: expect.stringMatching(/^resp_/), status: 'queued', output_text: '' });
		expect(polls()).toHaveLength(0);
	});

	it('many items start in parallel without waiting for each other', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		const items = Array.from({ length: 6 }, (_, i) => ({ text: `Report ${i}` }));
		const result = await run(items, [create({ requestOptions: { concurrency: 6 } })]);
		expect(result.output('OpenAI').map((item) => item.json.status)).toEqual(Array(6).fill('queued'));
		expect(result.durationMs).toBeLessThan(5000);
	});

	it('Wait for Completion polls with back-off and returns the finished response, the same answer as a synchronous one', async () => {
		fastLifecycle();
		const result = await run([{ text: 'A long report' }], [create({ backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1 } })]);
		expect(result.status).toBe('success');
		const json = result.output('OpenAI')[0].json;
		expect(json).toMatchObject({ status: 'completed', output_text: expect.stringMatching(/^Echo: A long report/) });
		expect((json.usage as IDataObject).total_tokens).toBeGreaterThan(0);
		expectBackOff(polls(), 100);
		expect(polls().every((poll) => poll.path === `/v1/responses/${String(json.id)}`)).toBe(true);

		const synchronous = await run([{ text: 'A long report' }], [create({ background: false })]);
		expect(synchronous.output('OpenAI')[0].json.output_text).toBe(json.output_text);
	});

	it('running out of time is an error naming the response, which keeps running', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		const result = await run([{ text: 'x' }], [create({ backgroundOptions: { waitForCompletion: true, maxWaitMinutes: 0.01, pollIntervalSeconds: 0.1 } })]);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { message: string; description: string };
		expect(error.message).toMatch(/^Response resp_\w+ is still queued after waiting 0\.01 minutes \[item 0\]$/);
		expect(error.description).toMatch(/Response → Get.*Response → Cancel/);
		expect(polls().length).toBeGreaterThanOrEqual(2);
	});

	it('Stop ends the wait at once', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		const result = await run([{ text: 'x' }], [create({ backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 5 } })], { cancelAfterMs: 400 });
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		expect(result.durationMs).toBeLessThan(3000);
	});

	it('a failure of another item stops this item\'s wait (the engine stops the run)', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		const started = Date.now();
		const result = await run([{ text: 'waits' }, { text: '' }], [create({ backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 5 }, requestOptions: { concurrency: 2 } })]);
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toBe('The "Input" parameter is empty [item 1]');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('a response cancelled elsewhere ends the wait with status cancelled', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 600 });
		const waiting = run([{ text: 'x' }], [create({ backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 0.1, maxWaitMinutes: 0.1 } })]);
		for (let waited = 0; polls().length === 0 && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
		const id = polls()[0]?.path.split('/').pop() as string;
		await fetch(`${fake.url}/responses/${id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
		const result = await waiting;
		expect(result.status).toBe('success');
		expect(result.output('OpenAI')[0].json).toMatchObject({ id, status: 'cancelled' });
	});
});

describe('Response → Get and Cancel of a background response', () => {
	it('Get returns the current status; Cancel stops it; cancelling again returns it unchanged', async () => {
		Object.assign(backgroundSettings(fake), { queuedSeconds: 0, inProgressSeconds: 600 });
		const started = await run([{ text: 'x' }], [create({})]);
		const id = started.output('OpenAI')[0].json.id as string;
		const get = async () => await run([{ id }], [{ parameters: { resource: 'response', operation: 'get', responseId: '={{ $json.id }}' } }]);
		expect((await get()).output('OpenAI')[0].json).toMatchObject({ id, status: 'in_progress' });

		const cancel = async () => await run([{ id }], [{ parameters: { resource: 'response', operation: 'cancel', responseId: '={{ $json.id }}' } }]);
		const cancelled = await cancel();
		expect(cancelled.status).toBe('success');
		expect(cancelled.output('OpenAI')[0].json).toMatchObject({ id, status: 'cancelled' });
		expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/responses/${id}/cancel` });
		expect((await cancel()).output('OpenAI')[0].json.status).toBe('cancelled');
		expect((await get()).output('OpenAI')[0].json.status).toBe('cancelled');
	});

	it('cancelling a synchronous response is OpenAI\'s error, with the item', async () => {
		const done = await run([{ text: 'x' }], [create({ background: false })]);
		const id = done.output('OpenAI')[0].json.id as string;
		const result = await run([{ id }], [{ parameters: { resource: 'response', operation: 'cancel', responseId: '={{ $json.id }}', simplify: false } }]);
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')).toMatchObject({ httpCode: '400', message: expect.stringMatching(/Cannot cancel a synchronous response\..*\[item 0\]/) });
	});
});

describe('Background is a way of running one request, not part of a Batch API line', () => {
	it('Batch → Create From Items (Responses endpoint) does not offer Background', () => {
		const properties = new OpenAiPlatform().description.properties.filter((property) => property.name === 'background' || property.name === 'backgroundOptions');
		expect(properties.length).toBe(2);
		for (const property of properties) expect(property.displayOptions?.show?.resource).toEqual(['response']);
	});
});

describe('Background: bad input', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['Background with Store off', { options: { store: false } }, 'The "Background" parameter needs the "Store" option on [item 0]'],
		['a maximum wait without Wait for Completion', { backgroundOptions: { maxWaitMinutes: 5 } }, 'The "Max Wait (Minutes)" option needs the "Wait for Completion" option on [item 0]'],
		['a poll interval below 0.1 s', { backgroundOptions: { waitForCompletion: true, pollIntervalSeconds: 0.01 } }, 'The "Poll Interval (Seconds)" option must be between 0.1 and 3600, not 0.01 [item 0]'],
		['a maximum wait of text', { backgroundOptions: { waitForCompletion: true, maxWaitMinutes: '={{ "soon" }}' } }, 'The "Max Wait (Minutes)" option must be a number between 0.01 and 1440, not "soon" [item 0]'],
		['Background from an expression that is not true or false', { background: '={{ "maybe" }}' }, 'The "Background" parameter must be true or false, not "maybe" [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming it and the item, no request', async (_name, parameters, message) => {
		const result = await run([{ text: 'x' }], [create(parameters)]);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name: string; message: string; description?: string };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(fake.requests).toHaveLength(0);
	});
});
