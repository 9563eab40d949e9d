import { request as httpRequest } from 'node:http';

import { BIG_BODY_BYTES, HOSTILE_ANSWERS, STALL_AFTER_BYTES } from './answers';
import type { HostileRequest } from './server';
import { startHostileServer, type HostileServer } from './server';

/** The hostile server does what its answers say, records what it was sent, and never holds on to anything. */
let server: HostileServer;
beforeEach(async () => {
	server = await startHostileServer({ holdMs: 400 });
});
afterEach(async () => {
	await server.close();
	expect(server.diagnostics()).toEqual({ openSockets: 0, heldAnswers: 0 });
});

const answer = (name: string) => {
	const found = HOSTILE_ANSWERS.find((entry) => entry.name === name);
	if (!found) throw new Error(`no answer "${name}"`);
	return found.script({ valid: () => ({ status: 200, body: 'healthy' }) }) ?? [];
};

interface Received {
	status?: number;
	headers: Record<string, string | string[] | undefined>;
	bytes: number;
	text: string;
	ended: 'end' | 'error' | 'aborted by us';
	ms: number;
}

/** A raw HTTP request (no decompression, no retries), optionally giving up after `stopAfterBytes`. */
async function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; stopAfterBytes?: number } = {}): Promise<Received> {
	const started = Date.now();
	return await new Promise((resolve) => {
		const received: Received = { headers: {}, bytes: 0, text: '', ended: 'end', ms: 0 };
		const done = (ended: Received['ended']) => resolve({ ...received, ended, ms: Date.now() - started });
		const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
			received.status = res.statusCode;
			received.headers = res.headers;
			res.on('data', (chunk: Buffer) => {
				received.bytes += chunk.length;
				if (received.text.length < 4096) received.text += chunk.toString('utf8');
				if (options.stopAfterBytes !== undefined && received.bytes >= options.stopAfterBytes) {
					done('aborted by us');
					res.destroy();
				}
			});
			res.on('end', () => done('end'));
			res.on('error', () => done('error'));
			res.on('aborted', () => done('error'));
		});
		req.on('error', () => done('error'));
		req.end(options.body);
	});
}

describe('scenarios', () => {
	it('route by path prefix, record method, path, query, headers, body size and text, and the caller\'s credentials', async () => {
		const scenario = server.scenario(() => ({ status: 200, body: 'ok' }));
		const other = server.scenario(() => ({ status: 201, body: 'other' }));
		const got = await send(`${scenario.url}/chat/completions?x=1`, { method: 'POST', headers: { authorization: 'Bearer gw_secret', 'content-type': 'application/json' }, body: '{"a":1}' });
		expect(got).toMatchObject({ status: 200, text: 'ok' });
		expect((await send(`${other.url}/models`)).status).toBe(201);
		const [recorded] = scenario.requests;
		expect(recorded).toMatchObject({ method: 'POST', path: '/v1/chat/completions', query: 'x=1', bodySize: 7, bodyText: '{"a":1}', bearer: 'gw_secret', secret: 'gw_secret', index: 0 });
		expect(server.requests).toHaveLength(2);
		expect((await send(`${server.origin}/elsewhere`)).status).toBe(404);
		expect(server.unrouted.map((request: HostileRequest) => request.path)).toEqual(['/elsewhere']);
	});

	it('put user:password into the Base URL; Basic credentials are recorded and echoed', async () => {
		const scenario = server.scenario(answer('key echoed in a 400'), { userinfo: 'me:pw-secret' });
		expect(scenario.url).toMatch(/^http:\/\/me:pw-secret@127\.0\.0\.1:\d+\/s\/\d+\/v1$/);
		const got = await send(scenario.url.replace('me:pw-secret@', ''), { headers: { authorization: `Basic ${Buffer.from('me:pw-secret').toString('base64')}` } });
		expect(scenario.requests[0]).toMatchObject({ basic: { user: 'me', password: 'pw-secret' }, secret: 'pw-secret' });
		expect(JSON.parse(got.text)).toEqual({ error: { message: expect.stringContaining('pw-secret'), type: 'pw-secret', param: 'pw-secret', code: 'pw-secret' } });
	});

	it('play a sequence, the last answer repeating, and start again when the script is replaced', async () => {
		const scenario = server.scenario([() => ({ status: 500 }), () => ({ status: 200 })]);
		expect([(await send(scenario.url)).status, (await send(scenario.url)).status, (await send(scenario.url)).status]).toEqual([500, 200, 200]);
		scenario.answerWith([() => ({ status: 429 }), () => ({ status: 204 })]);
		expect([(await send(scenario.url)).status, (await send(scenario.url)).status]).toEqual([429, 204]);
	});
});

describe('hostile answers', () => {
	it('echo the caller\'s key into every error field and into headers', async () => {
		const [echo] = answer('key echoed in a 500');
		const scenario = server.scenario(echo);
		const got = await send(scenario.url, { headers: { authorization: 'Bearer gw_live_abc' } });
		expect(got.status).toBe(500);
		expect(JSON.parse(got.text).error).toEqual({ message: expect.stringContaining('gw_live_abc'), param: 'gw_live_abc', code: 'gw_live_abc', type: 'gw_live_abc' });
		expect(got.headers).toMatchObject({ 'x-request-id': 'gw_live_abc', 'openai-organization': 'gw_live_abc', 'x-echo-authorization': 'Bearer gw_live_abc' });
	});

	it('stall after a few bytes, and let go at holdMs', async () => {
		const scenario = server.scenario(answer('stalled JSON body'));
		const got = await send(scenario.url);
		expect(got).toMatchObject({ status: 200, bytes: STALL_AFTER_BYTES, ended: 'error' });
		expect(got.ms).toBeGreaterThanOrEqual(350);
		expect(got.ms).toBeLessThan(2_000);
	});

	it('never answer, and let go at holdMs', async () => {
		const got = await send(server.scenario(answer('no answer at all')).url);
		expect(got.status).toBeUndefined();
		expect(got.ended).toBe('error');
		expect(got.ms).toBeGreaterThanOrEqual(350);
	});

	it('cut a body mid-stream: Content-Length promises more than comes, then the socket closes', async () => {
		const got = await send(server.scenario(answer('body cut mid-stream')).url);
		expect(got.status).toBe(200);
		expect(Number(got.headers['content-length'])).toBeGreaterThan(got.bytes);
		expect(got.bytes).toBe(100);
		expect(got.ended).toBe('error');
	});

	it('label a plain body as gzip', async () => {
		const got = await send(server.scenario(answer('gzip header, plain body')).url);
		expect(got.headers['content-encoding']).toBe('gzip');
		expect(got.text).toBe('{"id":"x","object":"model"}');
	});

	it('answer 204 without a body', async () => {
		const got = await send(server.scenario(answer('204 No Content')).url);
		expect(got).toMatchObject({ status: 204, bytes: 0, ended: 'end' });
	});

	it('stream 50 MB whole to a reader that reads it all', async () => {
		// a reader that is slow only because the machine is busy must not be taken for one that stopped
		const patient = await startHostileServer({ holdMs: 5_000 });
		const got = await send(patient.scenario(answer('50 MB 500')).url).finally(() => patient.close());
		expect(got.status).toBe(500);
		expect(got.bytes).toBeGreaterThan(BIG_BODY_BYTES);
		expect(got.text).toMatch(/^<!DOCTYPE html><html><head><title>500 Internal Server Error<\/title>/);
	}, 20_000);

	it('stop producing a 50 MB body as soon as the reader leaves, or stops reading', async () => {
		const scenario = server.scenario(answer('50 MB 200'));
		const got = await send(scenario.url, { stopAfterBytes: 64 * 1024 });
		expect(got.ended).toBe('aborted by us');
		// a reader that neither reads nor leaves is dropped after holdMs
		const started = Date.now();
		const stuckRequest = httpRequest(scenario.url, (res) => res.pause());
		stuckRequest.on('error', () => undefined);
		stuckRequest.end();
		await new Promise((resolve) => setTimeout(resolve, 50));
		while (server.diagnostics().openSockets > 0 && Date.now() - started < 3_000) await new Promise((resolve) => setTimeout(resolve, 10));
		const stuck = Date.now() - started;
		stuckRequest.destroy();
		expect(stuck).toBeGreaterThanOrEqual(350);
		expect(stuck).toBeLessThan(2_000);
	});

	it('repeat the same cursor on every page of a list, shaped like the endpoint asked', async () => {
		const scenario = server.scenario(answer('repeating cursor'));
		const files = [JSON.parse((await send(`${scenario.url}/files?after=file-same`)).text), JSON.parse((await send(`${scenario.url}/files`)).text)];
		expect(files.map((page) => [page.has_more, page.last_id, page.data[0].object])).toEqual([
			[true, 'file-same', 'file'],
			[true, 'file-same', 'file'],
		]);
		const usage = JSON.parse((await send(`${scenario.url}/organization/usage/completions?start_time=3600&bucket_width=1h`)).text);
		expect(usage).toMatchObject({ object: 'page', has_more: true, next_page: 'page_AAAAAAAAAAAAAAAA', data: [{ start_time: 3600, end_time: 7200 }] });
	});

	it('put the title of an HTML error page first, and its weight after', async () => {
		const got = await send(server.scenario(answer('HTML 502 (proxy)')).url);
		expect(got.status).toBe(502);
		expect(got.headers['content-type']).toMatch(/text\/html/);
		expect(got.text).toMatch(/<title>502 Bad Gateway<\/title>/);
		expect(got.bytes).toBeGreaterThan(7_000);
	});
});

describe('closing', () => {
	it('releases stalled and hanging answers and every socket at once', async () => {
		const stalled = send(server.scenario(answer('stalled binary body')).url);
		const hanging = send(server.scenario(answer('no answer at all')).url);
		for (let tries = 0; tries < 50 && server.diagnostics().heldAnswers < 2; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(server.diagnostics().heldAnswers).toBe(2);
		const started = Date.now();
		await server.close();
		expect((await Promise.all([stalled, hanging])).map((got) => got.ended)).toEqual(['error', 'error']);
		expect(Date.now() - started).toBeLessThan(300);
	});
});
