/**
 * n8n's proxy settings (HTTP_PROXY / HTTPS_PROXY) apply to this package's requests, because the
 * SDK sends through n8n's HTTP helper instead of opening connections of its own.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { workflow } from './workflows';

const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
let fake: FakeOpenAi;
let proxy: Server;
const proxied: string[] = [];
let runWorkflow: typeof import('../harness').runWorkflow;

/** A minimal forward proxy for plain HTTP: the request line carries the absolute URL. */
function startProxy(): Promise<Server> {
	const server = createServer((req, res) => {
		proxied.push(`${req.method} ${req.url}`);
		const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (response) => {
			res.writeHead(response.statusCode ?? 502, response.headers);
			response.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
	fake = await startFakeOpenAi();
	proxy = await startProxy();
	process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	delete process.env.NO_PROXY;
	({ runWorkflow } = await import('../harness'));
});
afterAll(async () => {
	await fake.stop();
	await new Promise((resolve) => proxy.close(resolve));
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

it('sends every request through the proxy n8n is configured with', async () => {
	const run = await runWorkflow(
		workflow({
			nodes: [{ parameters: { resource: 'model', operation: 'get', modelId: { __rl: true, mode: 'id', value: 'gpt-4o' } } }],
		}),
		{ credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } } },
	);
	expect(run.status).toBe('success');
	expect(run.output('OpenAI')[0].json.id).toBe('gpt-4o');
	expect(proxied).toEqual([`GET ${fake.url}/models/gpt-4o`]);
	expect(fake.requests[0].authKey).toBe(FAKE_KEYS.project);
});
