import { Readable } from 'node:stream';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { createN8nFetch } from '../../nodes/shared/transport/n8nFetch';

function fullResponse(statusCode: number, body: unknown, headers: Record<string, unknown> = {}) {
	return { statusCode, statusMessage: 'X', headers, body };
}

describe('createN8nFetch: the SDK fetch on top of n8n', () => {
	it('sends through n8n without the SDK Authorization header, full response, no throw, streaming', async () => {
		const sent: IHttpRequestOptions[] = [];
		const fetch = createN8nFetch(async (options) => {
			sent.push(options);
			return fullResponse(200, Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), {
				'content-type': 'application/json',
				'x-request-id': 'req_1',
				'set-cookie': ['a=1', 'b=2'],
			});
		});
		const response = await fetch('https://api.test/v1/models?x=1', {
			method: 'post',
			headers: { Authorization: 'Bearer placeholder', 'Content-Type': 'application/json', 'X-Stainless-Retry-Count': '0' },
			body: '{"q":1}',
		});
		expect(sent).toHaveLength(1);
		const options = sent[0];
		expect(options.url).toBe('https://api.test/v1/models?x=1');
		expect(options.method).toBe('POST');
		expect(options.headers).toEqual({ 'content-type': 'application/json', 'x-stainless-retry-count': '0' });
		expect(options).toMatchObject({ returnFullResponse: true, ignoreHttpStatusErrors: true, json: false, encoding: 'stream' });
		expect(options.body).toBe('{"q":1}');
		expect(response.status).toBe(200);
		expect(response.url).toBe('https://api.test/v1/models?x=1');
		expect(response.headers.get('x-request-id')).toBe('req_1');
		expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
		expect(await response.json()).toEqual({ a: 1 });
		expect(fetch.Response).toBe(Response);
	});

	it('hands 4xx/5xx back as responses for the SDK to classify', async () => {
		const fetch = createN8nFetch(async () => fullResponse(429, Readable.from(['{"error":{}}']), { 'retry-after-ms': '10' }));
		const response = await fetch('https://api.test/v1/x');
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after-ms')).toBe('10');
	});

	it('gives 204 no body', async () => {
		const fetch = createN8nFetch(async () => fullResponse(204, Readable.from([])));
		const response = await fetch('https://api.test/v1/x', { method: 'DELETE' });
		expect(response.status).toBe(204);
		expect(response.body).toBeNull();
	});

	it('converts bodies: FormData as is (and lets the client set the boundary), bytes as Buffer, Blob read, streams buffered', async () => {
		const bodies: unknown[] = [];
		const headers: unknown[] = [];
		const fetch = createN8nFetch(async (options) => {
			bodies.push(options.body);
			headers.push(options.headers);
			return fullResponse(200, Readable.from(['{}']));
		});
		const form = new FormData();
		form.append('purpose', 'batch');
		await fetch('https://api.test/v1/files', { method: 'POST', body: form, headers: { 'content-type': 'multipart/form-data' } });
		await fetch('https://api.test/v1/x', { method: 'POST', body: new Uint8Array([1, 2, 3]) });
		await fetch('https://api.test/v1/x', { method: 'POST', body: new Blob([Buffer.from('blob')]) });
		await fetch('https://api.test/v1/x', {
			method: 'POST',
			body: new ReadableStream({
				start(c) {
					c.enqueue(new TextEncoder().encode('str'));
					c.enqueue(new TextEncoder().encode('eam'));
					c.close();
				},
			}),
			duplex: 'half',
		} as RequestInit);
		expect(bodies[0]).toBe(form);
		expect(headers[0]).toEqual({});
		expect(bodies[1]).toEqual(Buffer.from([1, 2, 3]));
		expect(bodies[2]).toEqual(Buffer.from('blob'));
		expect(bodies[3]).toEqual(Buffer.from('stream'));
	});

	it("keeps the SDK's abort signal when n8n assigns the execution's cancel signal", async () => {
		const sdk = new AbortController();
		const execution = new AbortController();
		let seen: AbortSignal | undefined;
		const fetch = createN8nFetch(async (options) => {
			options.abortSignal = execution.signal as IHttpRequestOptions['abortSignal']; // what n8n-core does
			seen = options.abortSignal as AbortSignal;
			return fullResponse(200, Readable.from(['{}']));
		});
		await fetch('https://api.test/v1/x', { signal: sdk.signal });
		expect(seen?.aborted).toBe(false);
		sdk.abort();
		expect(seen?.aborted).toBe(true);

		const sdk2 = new AbortController();
		const execution2 = new AbortController();
		let seen2: AbortSignal | undefined;
		const fetch2 = createN8nFetch(async (options) => {
			options.abortSignal = execution2.signal as IHttpRequestOptions['abortSignal'];
			seen2 = options.abortSignal as AbortSignal;
			return fullResponse(200, Readable.from(['{}']));
		});
		await fetch2('https://api.test/v1/x', { signal: sdk2.signal });
		execution2.abort();
		expect(seen2?.aborted).toBe(true);
	});

	it('turns a failure after abort into an AbortError (what the SDK tests for)', async () => {
		const sdk = new AbortController();
		const fetch = createN8nFetch(async () => {
			sdk.abort();
			throw new Error('canceled');
		});
		await expect(fetch('https://api.test/v1/x', { signal: sdk.signal })).rejects.toMatchObject({ name: 'AbortError' });
	});

	it("reports n8n's refusals so the client can stop retrying", async () => {
		const refusals: Error[] = [];
		const refusal = new Error('Domain not allowed: This credential is restricted from accessing evil.test.');
		const wrapped = Object.assign(new Error('wrapped'), { cause: refusal });
		const fetch = createN8nFetch(
			async () => {
				throw wrapped;
			},
			{ allowedDomains: 'api.test', onRefused: (e) => refusals.push(e) },
		);
		await expect(fetch('https://evil.test/v1/x')).rejects.toBe(wrapped);
		expect(refusals).toEqual([refusal]);
	});

	it('passes the allowed domains to n8n', async () => {
		let allowed: string | undefined;
		const fetch = createN8nFetch(
			async (options) => {
				allowed = options.allowedDomains;
				return fullResponse(200, Readable.from(['{}']));
			},
			{ allowedDomains: 'api.openai.com' },
		);
		await fetch('https://api.openai.com/v1/models');
		expect(allowed).toBe('api.openai.com');
	});
});
