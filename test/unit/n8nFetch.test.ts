import { Readable, Writable } from 'node:stream';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { isObjectEmpty } from 'n8n-workflow';

import { createN8nFetch, nodeStreamOf } from '../../nodes/shared/transport/n8nFetch';
import { PipeableBody } from '../../nodes/shared/transport/pipeableBody';

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

	it('converts bodies: FormData as is (and lets the client set the boundary), bytes as Buffer, Blob read, streams kept streams', async () => {
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
		expect(bodies[3]).toBeInstanceOf(PipeableBody);
		expect(await pipedText(bodies[3] as PipeableBody)).toBe('stream');
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

	it("passes the SDK's signal alone when n8n assigns one the SDK's signal already follows (no composite per request)", async () => {
		const execution = new AbortController();
		const lifetime = AbortSignal.any([execution.signal]);
		const sdk = new AbortController();
		lifetime.addEventListener('abort', () => sdk.abort(lifetime.reason)); // what the SDK does with its caller signal
		const seen: Array<AbortSignal | undefined> = [];
		const fetch = createN8nFetch(
			async (options) => {
				options.abortSignal = execution.signal as IHttpRequestOptions['abortSignal'];
				seen.push(options.abortSignal as AbortSignal);
				return fullResponse(200, Readable.from(['{}']));
			},
			{ followedSignals: [execution.signal] },
		);
		await fetch('https://api.test/v1/x', { signal: sdk.signal });
		expect(seen[0]).toBe(sdk.signal);
		execution.abort();
		expect(seen[0]?.aborted).toBe(true);

		// a signal it does not follow is still combined with the SDK's
		const other = new AbortController();
		const fetch2 = createN8nFetch(
			async (options) => {
				options.abortSignal = other.signal as IHttpRequestOptions['abortSignal'];
				seen.push(options.abortSignal as AbortSignal);
				return fullResponse(200, Readable.from(['{}']));
			},
			{ followedSignals: [execution.signal] },
		);
		await fetch2('https://api.test/v1/x', { signal: new AbortController().signal });
		other.abort();
		expect(seen[1]?.aborted).toBe(true);
	});

	it('collects a JSON answer into one Buffer (no stream for the SDK to pull); binary downloads and server-sent events stay streams', async () => {
		const encodings: unknown[] = [];
		const fetch = createN8nFetch(async (options) => {
			encodings.push(options.encoding);
			const accept = (options.headers as Record<string, string>).accept;
			const json = accept === 'application/json' && !/"stream": true/.test(String(options.body));
			const body = json ? Readable.from([Buffer.from('{"id":"x",'), Buffer.from('"n":1}')]) : Readable.from([Buffer.from('bytes')]);
			return fullResponse(200, body, { 'content-type': json ? 'application/json' : 'application/octet-stream' });
		});
		const json = await fetch('https://api.test/v1/chat/completions', {
			method: 'POST',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			body: '{"model":"m","messages":[{"role":"user","content":"say \\"stream\\": true"}]}',
		});
		expect(nodeStreamOf(json)).toBeUndefined();
		expect(await json.json()).toEqual({ id: 'x', n: 1 });

		const binary = await fetch('https://api.test/v1/audio/speech', {
			method: 'POST',
			headers: { Accept: 'application/octet-stream' },
			body: '{"input":"hi"}',
		});
		expect(await binary.text()).toBe('bytes');

		const events = await fetch('https://api.test/v1/chat/completions', {
			method: 'POST',
			headers: { Accept: 'application/json' },
			body: '{"model":"m","stream": true}',
		});
		expect(await events.text()).toBe('bytes');
		// always a stream from n8n: an error body is read only up to a bounded prefix
		expect(encodings).toEqual(['stream', 'stream', 'stream']);
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

/** Everything a piped body writes, as text. */
async function pipedText(body: PipeableBody): Promise<string> {
	const chunks: Buffer[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk);
			done();
		},
	});
	await new Promise((resolve, reject) => {
		sink.once('finish', resolve);
		body.once('error', reject);
		body.pipe(sink);
	});
	return Buffer.concat(chunks).toString();
}

describe('createN8nFetch: big bodies stay streams', () => {
	it("sends a streamed upload as a pipeable body: chunked, the SDK's multipart type kept, no redirects (no copy kept to resend)", async () => {
		const sent: IHttpRequestOptions[] = [];
		const fetch = createN8nFetch(async (options) => {
			sent.push(options);
			return fullResponse(200, Readable.from(['{}']));
		});
		let pulled = 0;
		const multipart = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				if (pulled > 3) controller.close();
				else controller.enqueue(new TextEncoder().encode(`part ${pulled};`));
			},
		}, { highWaterMark: 0 });
		await fetch('https://api.test/v1/files', {
			method: 'POST',
			body: multipart,
			headers: { 'content-type': 'multipart/form-data; boundary=openai-abc' },
			duplex: 'half',
		} as RequestInit);
		const [options] = sent;
		expect(options.body).toBeInstanceOf(PipeableBody);
		expect(options.disableFollowRedirect).toBe(true);
		expect(options.headers).toEqual({ 'content-type': 'multipart/form-data; boundary=openai-abc' });
		expect(options.headers).not.toHaveProperty('content-length');
		// n8n drops a body it considers empty; axios streams anything with a pipe function
		expect(isObjectEmpty(options.body as object)).toBe(false);
		expect(typeof (options.body as PipeableBody).pipe).toBe('function');
		expect(pulled).toBe(0); // nothing is read before axios pipes it
		expect(await pipedText(options.body as PipeableBody)).toBe('part 1;part 2;part 3;');
	});

	it('releases a streamed body that the request did not finish: on a failure, and once an early answer is read', async () => {
		const source = () => {
			const state = { cancelled: false };
			const stream = new ReadableStream<Uint8Array>({
				pull: (controller) => controller.enqueue(new Uint8Array(1024)),
				cancel: () => {
					state.cancelled = true;
				},
			});
			return { stream, state };
		};
		const failing = source();
		const failed = createN8nFetch(async (options) => {
			(options.body as PipeableBody).pipe(new Writable({ highWaterMark: 1, write() {} })); // stalls, as axios leaves it
			throw new Error('socket hang up');
		});
		await expect(failed('https://api.test/v1/files', { method: 'POST', body: failing.stream, duplex: 'half' } as RequestInit)).rejects.toThrow('socket hang up');
		await new Promise((resolve) => setImmediate(resolve));
		expect(failing.state.cancelled).toBe(true);

		const early = source();
		const answer = Readable.from(['{"error":{"message":"File too large"}}']);
		const answered = createN8nFetch(async (options) => {
			(options.body as PipeableBody).pipe(new Writable({ highWaterMark: 1, write() {} }));
			return fullResponse(413, answer);
		});
		const response = await answered('https://api.test/v1/files', { method: 'POST', body: early.stream, duplex: 'half' } as RequestInit);
		expect(early.state.cancelled).toBe(false); // the answer is still being read
		expect(await response.json()).toEqual({ error: { message: 'File too large' } });
		await new Promise((resolve) => setImmediate(resolve));
		expect(early.state.cancelled).toBe(true);
	});

	it('never follows redirects: OpenAI does not redirect, and following costs time and a copy of the body', async () => {
		const sent: IHttpRequestOptions[] = [];
		const fetch = createN8nFetch(async (options) => {
			sent.push(options);
			return fullResponse(200, Readable.from(['{}']));
		});
		await fetch('https://api.test/v1/x', { method: 'POST', body: '{"a":1}' });
		expect(sent[0].body).toBe('{"a":1}');
		expect(sent[0].disableFollowRedirect).toBe(true);
	});

	it("hands out n8n's Node stream of an unread body once, and the web body then refuses to read it", async () => {
		const nodeStream = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
		const fetch = createN8nFetch(async () => fullResponse(200, nodeStream, { 'content-type': 'application/octet-stream' }));
		const response = await fetch('https://api.test/v1/files/file-1/content');
		expect(nodeStreamOf(response)).toBe(nodeStream);
		expect(nodeStreamOf(response)).toBeUndefined();
		await expect(response.arrayBuffer()).rejects.toThrow('The response body was taken as a Node stream');
		// the stream is whole: nothing was read into the web body before it was taken
		const chunks: Buffer[] = [];
		for await (const chunk of nodeStream) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).toString()).toBe('abcdef');
	});

	it('gives no Node stream once the web body has been read, nor for a body n8n already buffered', async () => {
		const fetch = createN8nFetch(async () => fullResponse(200, Readable.from([Buffer.from('{"a":1}')])));
		const read = await fetch('https://api.test/v1/x');
		expect(await read.json()).toEqual({ a: 1 });
		expect(nodeStreamOf(read)).toBeUndefined();

		const started = await fetch('https://api.test/v1/x');
		const reader = started.body!.getReader();
		expect(nodeStreamOf(started)).toBeUndefined(); // locked by a reader
		reader.releaseLock();

		const buffered = await createN8nFetch(async () => fullResponse(200, '{"a":1}'))('https://api.test/v1/x');
		expect(nodeStreamOf(buffered)).toBeUndefined();
		expect(await buffered.json()).toEqual({ a: 1 });

		const quota = await createN8nFetch(async () => fullResponse(429, Readable.from(['{"error":{"code":"insufficient_quota"}}'])))('https://api.test/v1/x');
		expect(nodeStreamOf(quota)).toBeUndefined();
	});

	it("destroys a taken stream with an AbortError when the SDK's signal aborts", async () => {
		const sdk = new AbortController();
		const nodeStream = new Readable({ read() {} });
		nodeStream.push('first');
		const fetch = createN8nFetch(async () => fullResponse(200, nodeStream));
		const response = await fetch('https://api.test/v1/audio/speech', { signal: sdk.signal });
		const taken = nodeStreamOf(response)!;
		const consumed = (async () => {
			for await (const chunk of taken) void chunk;
		})();
		sdk.abort();
		await expect(consumed).rejects.toMatchObject({ name: 'AbortError' });
		expect(nodeStream.destroyed).toBe(true);
	});

	it('an abort never throws from an unread stream nobody listens to', async () => {
		const sdk = new AbortController();
		const nodeStream = Readable.from(['{}']);
		const fetch = createN8nFetch(async () => fullResponse(200, nodeStream));
		await fetch('https://api.test/v1/x', { signal: sdk.signal });
		sdk.abort();
		await new Promise((resolve) => setImmediate(resolve));
		expect(nodeStream.destroyed).toBe(true);
	});
});
