import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import type { ICredentialType, IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { createPollSession, runPoll, runWorkflow, testCredential } from './harness';
import type { CancelObservation } from './harness/fixtures/inline-nodes';
import {
	createWaitForStopNode,
	credentialsReaderNode,
	staticCounterNode,
} from './harness/fixtures/inline-nodes';
import type { TestServer } from './harness/fixtures/test-server';
import { startTestServer } from './harness/fixtures/test-server';
import { afterManualTrigger, pollWorkflow, probeWorkflow } from './harness/fixtures/workflows';
import itemsToProbe from './harness/fixtures/workflows/items-to-probe.json';

const packageDir = path.join(__dirname, 'harness', 'fixtures', 'package');
const apiKey = 'sk-harness-test-0123456789abcdef';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.requests.length = 0;
	server.events.length = 0;
});

function probeCredentials(extra: IDataObject = {}) {
	return { harnessProbeApi: { apiKey, url: server.url, ...extra } };
}

async function waitFor(condition: () => boolean, timeoutMs = 2000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await delay(5);
	}
}

describe('runWorkflow', () => {
	test('runs editor-exported JSON: manual trigger → test.items → package node, outputs per node', async () => {
		const run = await runWorkflow(itemsToProbe, { packageDir, credentials: probeCredentials() });

		expect(run.status).toBe('success');
		expect(run.executedNodes()).toEqual([
			'When clicking ‘Execute workflow’',
			'Three Items',
			'Harness Probe',
		]);
		expect(run.output('When clicking ‘Execute workflow’')).toEqual([
			{ json: {}, pairedItem: { item: 0 } },
		]);
		expect(run.output('Three Items').map((item) => item.json)).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);

		const probed = run.output('Harness Probe');
		expect(probed).toHaveLength(3);
		// `={{ 'Item ' + $json.x }}` is resolved per item by n8n's expression engine.
		expect(probed.map((item) => JSON.parse(item.json.body as string))).toEqual([
			{ message: 'Item 1' },
			{ message: 'Item 2' },
			{ message: 'Item 3' },
		]);
		expect(probed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(server.requests).toHaveLength(3);
	});

	test('generic authenticate adds the Bearer header; an empty optional header is sent empty, like n8n', async () => {
		const run = await runWorkflow(probeWorkflow({ method: 'GET' }), {
			packageDir,
			credentials: probeCredentials(),
		});

		expect(run.status).toBe('success');
		expect(run.httpRequests).toEqual([
			expect.objectContaining({
				credentialType: 'harnessProbeApi',
				nodeName: 'Probe',
				method: 'GET',
				url: `${server.url}/echo`,
				headers: { Authorization: `Bearer ${apiKey}`, 'X-Organization': '' },
			}),
		]);
		// '={{$credentials.organizationId || undefined}}' resolves to '' in n8n's CredentialsHelper,
		// and n8n's HTTP client sends the header with an empty value: it is NOT left out.
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${apiKey}`);
		expect(server.requests[0].headers['x-organization']).toBe('');

		const withOrganization = await runWorkflow(probeWorkflow({ method: 'GET' }), {
			packageDir,
			credentials: probeCredentials({ organizationId: 'org-123' }),
		});
		expect(withOrganization.httpRequests[0].headers['X-Organization']).toBe('org-123');
	});

	test('function-style authenticate is applied', async () => {
		const run = await runWorkflow(
			probeWorkflow(
				{ authentication: 'signed', method: 'GET' },
				{ credentials: { harnessSignedApi: { id: 'signed01', name: 'Signed' } } },
			),
			{ packageDir, credentials: { harnessSignedApi: { apiKey: 'good-key', url: server.url } } },
		);

		expect(run.status).toBe('success');
		expect(run.httpRequests[0]).toMatchObject({
			credentialType: 'harnessSignedApi',
			headers: { 'X-Api-Key': 'good-key' },
			qs: { signed: 'yes' },
		});
		expect(server.requests[0].query).toEqual({ signed: 'yes' });
	});

	test('credential properties the user left out get their defaults', async () => {
		const run = await runWorkflow(
			afterManualTrigger({
				name: 'Read Credentials',
				type: 'test.credentialsReader',
				typeVersion: 1,
				credentials: { harnessProbeApi: { id: 'cred1', name: 'Probe' } },
			}),
			{
				packageDir,
				nodeTypes: { 'test.credentialsReader': credentialsReaderNode },
				credentials: { harnessProbeApi: { apiKey } },
			},
		);

		expect(run.status).toBe('success');
		expect(run.output('Read Credentials')[0].json).toEqual({
			apiKey,
			url: 'http://127.0.0.1:9',
			organizationId: '',
		});
	});

	test("onError 'continueRegularOutput' turns the failure into an output item", async () => {
		const run = await runWorkflow(
			probeWorkflow({ path: '/fail/500' }, { onError: 'continueRegularOutput' }),
			{ packageDir, credentials: probeCredentials() },
		);

		expect(run.status).toBe('success');
		expect(run.output('Probe')).toEqual([
			{
				json: { error: 'The service was not able to process your request' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a failing node gives status error with the NodeApiError n8n reports', async () => {
		const run = await runWorkflow(probeWorkflow({ path: '/fail/401' }), {
			packageDir,
			credentials: probeCredentials(),
		});

		expect(run.status).toBe('error');
		expect(run.error).toMatchObject({
			message: 'Authorization failed - please check your credentials',
			description: 'Failure 401',
			httpCode: '401',
		});
		// Like resultData.error, the task error is the plain copy n8n stores ({ ...error, message, stack }).
		expect(run.nodeError('Probe')).toMatchObject({
			name: 'NodeApiError',
			message: 'Authorization failed - please check your credentials',
			httpCode: '401',
		});
		// n8n's httpRequestWithAuthentication re-authenticates and resends once after a 401.
		expect(server.requests.filter((request) => request.path === '/fail/401')).toHaveLength(2);
	});

	test('a node whose credential was not given fails with the error n8n gives', async () => {
		const run = await runWorkflow(probeWorkflow({}), { packageDir, credentials: {} });

		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Credential with ID "hRnSpRoBeCrEd001" does not exist for type "harnessProbeApi".',
		);
	});

	test('a node without a credential reference fails like n8n', async () => {
		const run = await runWorkflow(probeWorkflow({}, { credentials: undefined }), {
			packageDir,
			credentials: probeCredentials(),
		});

		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Node does not have any credentials set');
	});

	test('an unknown node type is reported like n8n', async () => {
		await expect(
			runWorkflow(
				afterManualTrigger({ name: 'Ghost', type: 'n8n-nodes-harness-fixture.ghost', typeVersion: 1 }),
				{ packageDir },
			),
		).rejects.toThrow('Unrecognized node type: n8n-nodes-harness-fixture.ghost');
	});

	test('Stop during a stalled request ends promptly with status canceled', async () => {
		const run = await runWorkflow(probeWorkflow({ path: '/stall' }), {
			packageDir,
			credentials: probeCredentials(),
			cancelAfterMs: 100,
		});

		expect(run.status).toBe('canceled');
		expect(run.cancellation?.settled).toBe(true);
		const stopToEndMs = run.durationMs - (run.cancellation?.requestedAtMs ?? 0);
		expect(stopToEndMs).toBeLessThan(2000); // the stall never ends on its own
		// The abort reached the socket: the server saw the connection close.
		await waitFor(() => server.stalledClosed > 0);
	});

	test('nodes see the cancel signal and their onExecutionCancellation handlers run', async () => {
		const observation: CancelObservation = { handlerCalled: false, signalAbortedInHandler: false };
		const run = await runWorkflow(
			afterManualTrigger({ name: 'Wait', type: 'test.waitForStop', typeVersion: 1 }),
			{
				packageDir,
				nodeTypes: { 'test.waitForStop': createWaitForStopNode(observation) },
				cancelWhen: (elapsedMs) => elapsedMs > 50,
			},
		);

		expect(run.status).toBe('canceled');
		expect(observation).toEqual({ handlerCalled: true, signalAbortedInHandler: true });
	});

	test('static data is saved for non-manual executions only', async () => {
		const workflow = afterManualTrigger({ name: 'Count', type: 'test.staticCounter', typeVersion: 1 });
		const options = { packageDir, nodeTypes: { 'test.staticCounter': staticCounterNode } };
		// getWorkflowStaticData('global') lives under the key "global".
		const staticData: IDataObject = { global: { runs: 5 } };

		const manual = await runWorkflow(workflow, { ...options, staticData, mode: 'manual' });
		expect(manual.output('Count')[0].json).toEqual({ runs: 6 });
		expect(staticData).toEqual({ global: { runs: 5 } });

		const triggered = await runWorkflow(workflow, { ...options, staticData, mode: 'trigger' });
		expect(triggered.output('Count')[0].json).toEqual({ runs: 6 });
		expect(staticData).toEqual({ global: { runs: 6 } });
	});

	test('test.items emits binary data prepared by n8n (no package needed)', async () => {
		const items = [
			{ name: 'a', $binary: { data: { text: 'hello', fileName: 'a.txt', mimeType: 'text/plain' } } },
		];
		const run = await runWorkflow(
			afterManualTrigger({
				name: 'Files',
				type: 'test.items',
				typeVersion: 1,
				parameters: { items: JSON.stringify(items) },
			}),
			{ packageDir: null },
		);

		const [item] = run.output('Files');
		expect(item.json).toEqual({ name: 'a' });
		expect(item.binary?.data).toMatchObject({
			fileName: 'a.txt',
			mimeType: 'text/plain',
			data: Buffer.from('hello').toString('base64'),
		});
	});

	test('package.json files that cannot be loaded give a clear error', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'harness-package-'));
		try {
			writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify({
					name: 'n8n-nodes-broken',
					n8n: { nodes: ['dist/nodes/Missing/Missing.node.js'], credentials: [] },
				}),
			);
			await expect(runWorkflow(probeWorkflow({}), { packageDir: dir })).rejects.toThrow(
				/n8n-nodes-broken" lists files that cannot be loaded:\n {2}dist\/nodes\/Missing\/Missing\.node\.js → nodes\/Missing\/Missing\.node\.ts does not exist/,
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('capture of requests and logs', () => {
	test('httpRequests show the Authorization header; the key never appears in the logs', async () => {
		const run = await runWorkflow(probeWorkflow({ path: '/fail/400' }), {
			packageDir,
			credentials: probeCredentials(),
		});

		expect(run.status).toBe('error');
		expect(run.httpRequests[0].headers.Authorization).toBe(`Bearer ${apiKey}`);
		expect(run.logs.length).toBeGreaterThan(0);
		expect(run.logs.join('\n')).not.toContain(apiKey);
	});

	test('logs capture what a node writes with this.logger (positive control)', async () => {
		const run = await runWorkflow(probeWorkflow({ logMessage: `leaking ${apiKey}` }), {
			packageDir,
			credentials: probeCredentials(),
		});

		expect(run.logs).toContain(`info: leaking ${apiKey}`);
	});
});

describe('runPoll and PollSession', () => {
	const credentials = () => probeCredentials();

	test("manual ('Fetch test event'): returns items, never persists static data", async () => {
		server.events.push({ id: 1, name: 'a' }, { id: 2, name: 'b' });
		const staticData: IDataObject = {};

		const result = await runPoll(pollWorkflow(), 'Poll', {
			mode: 'manual',
			staticData,
			packageDir,
			credentials: credentials(),
		});

		expect(result.items?.[0].map((item) => item.json)).toEqual([
			{ id: 1, name: 'a' },
			{ id: 2, name: 'b' },
		]);
		expect(result.persisted).toBe(false);
		expect(staticData).toEqual({});
		expect(result.inMemoryStaticData['node:Poll']).toMatchObject({ lastId: 2, pollCount: 1 });
	});

	test('trigger: static data is persisted when poll() emits, not when it returns null', async () => {
		server.events.push({ id: 1 }, { id: 2 });
		const staticData: IDataObject = {};
		const options = { mode: 'trigger' as const, staticData, packageDir, credentials: credentials() };

		const first = await runPoll(pollWorkflow(), 'Poll', options);
		expect(first.items?.[0].map((item) => item.json.id)).toEqual([1, 2]);
		expect(first.persisted).toBe(true);
		expect(staticData['node:Poll']).toMatchObject({ lastId: 2, pollCount: 1 });

		const second = await runPoll(pollWorkflow(), 'Poll', options);
		expect(second.items).toBeNull();
		expect(second.persisted).toBe(false);
		expect(second.inMemoryStaticData['node:Poll']).toMatchObject({ pollCount: 2 });
		expect(staticData['node:Poll']).toMatchObject({ lastId: 2, pollCount: 1 });
		expect(server.requests.map((request) => request.query.after)).toEqual(['0', '2']);
	});

	test('session: null-poll changes live in memory until the next emit or a restart', async () => {
		const staticData: IDataObject = {};
		const session = createPollSession(pollWorkflow(), 'Poll', {
			staticData,
			packageDir,
			credentials: credentials(),
		});

		expect((await session.poll()).items).toBeNull();
		expect((await session.poll()).items).toBeNull();
		expect(session.inMemoryStaticData?.['node:Poll']).toMatchObject({ pollCount: 2 });
		expect(staticData).toEqual({});

		server.events.push({ id: 7 });
		const emitted = await session.poll();
		expect(emitted.persisted).toBe(true);
		expect(staticData['node:Poll']).toMatchObject({ pollCount: 3, lastId: 7 });

		expect((await session.poll()).items).toBeNull();
		expect(session.inMemoryStaticData?.['node:Poll']).toMatchObject({ pollCount: 4 });
		session.restart();
		expect(session.isActive).toBe(false);
		await session.poll();
		// Rebuilt from the persisted copy: the 4th poll's change was lost.
		expect(session.inMemoryStaticData?.['node:Poll']).toMatchObject({ pollCount: 4, lastId: 7 });
		expect(staticData['node:Poll']).toMatchObject({ pollCount: 3 });
	});

	test('activation poll persists changed static data even when it returns null', async () => {
		const staticData: IDataObject = {};
		const session = createPollSession(pollWorkflow(), 'Poll', {
			staticData,
			packageDir,
			credentials: credentials(),
		});

		const activation = await session.activate();
		expect(activation.items).toBeNull();
		expect(activation.persisted).toBe(true);
		expect(staticData['node:Poll']).toMatchObject({ pollCount: 1 });

		const viaRunPoll = await runPoll(pollWorkflow(), 'Poll', {
			mode: 'trigger',
			activation: true,
			staticData,
			packageDir,
			credentials: credentials(),
		});
		expect(viaRunPoll.persisted).toBe(true);
		expect(staticData['node:Poll']).toMatchObject({ pollCount: 2 });
	});

	test('getPollBudgetMs and a fake clock reach the node', async () => {
		const staticData: IDataObject = {};
		const session = createPollSession(pollWorkflow(), 'Poll', {
			staticData,
			packageDir,
			credentials: credentials(),
			now: () => 1_700_000_000_000,
		});

		await session.poll();
		expect(session.inMemoryStaticData?.['node:Poll']).toMatchObject({
			budgetMs: 300_000,
			polledAt: 1_700_000_000_000,
		});

		session.setPollBudgetMs(1500);
		await session.poll();
		expect(session.inMemoryStaticData?.['node:Poll']).toMatchObject({ budgetMs: 1500 });
		expect(Date.now()).toBeGreaterThan(1_700_000_000_000 + 1000);
	});

	test('the execution n8n starts on emit can be run with startItems', async () => {
		server.events.push({ id: 1 });
		const workflow = pollWorkflow();
		workflow.nodes.push({
			id: 'node-after',
			name: 'After',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		});
		workflow.connections.Poll = { main: [[{ node: 'After', type: 'main', index: 0 }]] };
		const options = { packageDir, credentials: credentials() };

		const polled = await runPoll(workflow, 'Poll', { ...options, mode: 'trigger', staticData: {} });
		const run = await runWorkflow(workflow, {
			...options,
			mode: 'trigger',
			startNode: 'Poll',
			startItems: polled.items ?? [],
		});

		expect(run.status).toBe('success');
		expect(run.output('After').map((item) => item.json)).toEqual([{ id: 1 }]);
		// In trigger mode the poll node passes the emitted items through; it does not poll again.
		expect(server.requests).toHaveLength(1);
	});

	test('a failing poll rejects with the node error and persists nothing', async () => {
		const staticData: IDataObject = {};

		await expect(
			runPoll(pollWorkflow({ path: '/fail/429' }), 'Poll', {
				mode: 'trigger',
				staticData,
				packageDir,
				credentials: credentials(),
			}),
		).rejects.toBeInstanceOf(NodeApiError);
		expect(staticData).toEqual({});
	});
});

describe('testCredential', () => {
	test("a passing test request gives 'Connection successful!'", async () => {
		const result = await testCredential(
			'harnessProbeApi',
			{ apiKey: 'good-key', url: server.url },
			{ packageDir },
		);

		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		// The test request went through the credential's authenticate block.
		expect(result.httpRequests[0]).toMatchObject({
			url: `${server.url}/me`,
			headers: { Authorization: 'Bearer good-key' },
		});
	});

	test('a responseCode rule gives its message', async () => {
		const result = await testCredential(
			'harnessProbeApi',
			{ apiKey: 'wrong-key', url: server.url },
			{ packageDir },
		);

		expect(result).toMatchObject({ status: 'Error', message: 'The API key is not valid' });
	});

	test('a responseSuccessBody rule gives its message', async () => {
		const result = await testCredential(
			'harnessSignedApi',
			{ apiKey: 'suspended-key', url: server.url },
			{ packageDir },
		);

		expect(result).toMatchObject({ status: 'Error', message: 'This account is suspended' });
	});

	test('other failures: the HTTP status text, or the network error code', async () => {
		const forbidden = await testCredential(
			'harnessSignedApi',
			{ apiKey: 'wrong-key', url: server.url },
			{ packageDir },
		);
		expect(forbidden).toMatchObject({ status: 'Error', message: 'Forbidden' });

		const unreachable = await testCredential(
			'harnessProbeApi',
			{ apiKey: 'good-key', url: 'http://127.0.0.1:9' },
			{ packageDir },
		);
		expect(unreachable).toMatchObject({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('a credential without a test', async () => {
		const untested: ICredentialType = {
			name: 'untestedApi',
			displayName: 'Untested',
			properties: [],
		};
		const result = await testCredential('untestedApi', {}, { packageDir, credentialTypes: [untested] });

		expect(result).toMatchObject({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});
