import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import axios from 'axios';

import { PipeableBody } from '../../nodes/shared/transport/pipeableBody';

/** A web stream of `count` chunks of `size` bytes (byte i of chunk n is n), counting what was read from it. */
function countedSource(count: number, size = 1024) {
	const state = { pulled: 0, cancelled: undefined as unknown };
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (state.pulled === count) {
					controller.close();
					return;
				}
				state.pulled++;
				controller.enqueue(new Uint8Array(size).fill(state.pulled % 256));
			},
			cancel(reason) {
				state.cancelled = reason ?? 'cancelled';
			},
		},
		{ highWaterMark: 0 },
	);
	return { stream, state };
}

/** A slow writable that holds one byte: every write fills it. */
function slowSink(onWrite: (chunk: Buffer) => void = () => {}) {
	const chunks: Buffer[] = [];
	const sink = new Writable({
		highWaterMark: 1,
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk);
			onWrite(chunk);
			setImmediate(done);
		},
	});
	return { sink, chunks };
}

const events = (body: PipeableBody) => {
	const seen: string[] = [];
	for (const name of ['end', 'error', 'close']) body.on(name, () => seen.push(name));
	return seen;
};

describe('PipeableBody: a web stream that axios can pipe', () => {
	it('writes chunk by chunk, reading the next only when the destination has room, then ends it', async () => {
		const { stream, state } = countedSource(20);
		let written = 0;
		let mostAhead = 0;
		const { sink, chunks } = slowSink(() => {
			written++;
			mostAhead = Math.max(mostAhead, state.pulled - written);
		});
		const body = new PipeableBody(stream);
		const seen = events(body);
		const finished = new Promise((resolve) => sink.once('finish', resolve));
		expect(body.pipe(sink)).toBe(sink);
		await finished;
		expect(chunks).toHaveLength(20);
		expect(chunks.map((chunk) => chunk[0])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(mostAhead).toBeLessThanOrEqual(1);
		expect(seen).toEqual(['end', 'close']);
		expect(body.readable).toBe(false);
	});

	it('leaves the destination open with { end: false } (how Node\'s stream.pipeline pipes)', async () => {
		const { stream } = countedSource(2);
		const { sink, chunks } = slowSink();
		const body = new PipeableBody(stream);
		await new Promise((resolve) => body.once('end', resolve).pipe(sink, { end: false }));
		expect(sink.writableEnded).toBe(false);
		expect(chunks).toHaveLength(2);
	});

	it('reads async iterables and text chunks too', async () => {
		async function* parts() {
			yield 'a';
			yield new TextEncoder().encode('b');
		}
		const { sink, chunks } = slowSink();
		const finished = new Promise((resolve) => sink.once('finish', resolve));
		new PipeableBody(parts()).pipe(sink);
		await finished;
		expect(Buffer.concat(chunks).toString()).toBe('ab');
	});

	it('a failing source emits error, then close, and does not end the destination', async () => {
		let calls = 0;
		const failing = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (calls++ === 0) controller.enqueue(new Uint8Array([1]));
				else controller.error(new Error('disk gone'));
			},
		});
		const { sink } = slowSink();
		const body = new PipeableBody(failing);
		const seen = events(body);
		const error = await new Promise<Error>((resolve) => {
			body.once('error', resolve);
			body.pipe(sink);
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(error.message).toBe('disk gone');
		expect(seen).toEqual(['error', 'close']);
		expect(sink.writableEnded).toBe(false);
	});

	it('an abort stops reading, cancels the source and reports an AbortError', async () => {
		const { stream, state } = countedSource(1000);
		const controller = new AbortController();
		const { sink } = slowSink(() => {
			if (state.pulled === 3) controller.abort();
		});
		const body = new PipeableBody(stream, controller.signal);
		const seen = events(body);
		const error = await new Promise<Error>((resolve) => {
			body.once('error', resolve);
			body.pipe(sink);
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(error.name).toBe('AbortError');
		expect(state.pulled).toBeLessThanOrEqual(4);
		expect(state.cancelled).toBeDefined();
		expect(seen).toEqual(['error', 'close']);
		expect(body.destroyed).toBe(true);
	});

	it('destroy() without an error releases the source and only closes; an unsent body is cancelled as well', async () => {
		const { stream, state } = countedSource(1000);
		const body = new PipeableBody(stream);
		const seen = events(body);
		body.destroy();
		await new Promise((resolve) => setImmediate(resolve));
		expect(state.cancelled).toBeDefined();
		expect(seen).toEqual(['close']);
	});

	it('stops when the destination goes away while it waits for room', async () => {
		const { stream, state } = countedSource(1000);
		const sink = new Writable({ highWaterMark: 1, write() {} }); // never drains
		const body = new PipeableBody(stream);
		const seen = events(body);
		body.pipe(sink);
		await new Promise((resolve) => setImmediate(resolve));
		sink.destroy();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(state.pulled).toBeLessThanOrEqual(2);
		expect(state.cancelled).toBeDefined();
		expect(seen).toEqual(['close']);
	});

	it('is sent once: a second destination, or one after destroy(), fails instead of getting nothing or a part', async () => {
		const { stream } = countedSource(3);
		const body = new PipeableBody(stream);
		const first = slowSink();
		const finished = new Promise((resolve) => first.sink.once('finish', resolve));
		body.pipe(first.sink);
		const second = slowSink().sink;
		const error = await new Promise<Error>((resolve) => {
			second.once('error', resolve);
			body.pipe(second);
		});
		expect(error.message).toMatch(/cannot be sent twice/);
		await finished;
		expect(first.chunks).toHaveLength(3);

		const closed = new PipeableBody(countedSource(3).stream).destroy();
		const late = slowSink().sink;
		const lateError = await new Promise<Error>((resolve) => {
			late.once('error', resolve);
			closed.pipe(late);
		});
		expect(lateError.message).toMatch(/closed before it was sent/);
	});
});

describe('PipeableBody through axios (the client under n8n)', () => {
	let server: Server;
	let url: string;
	let received: Array<{ headers: IncomingHttpHeaders; bytes: number; sha256: string }>;
	let failAfterBytes = Infinity;
	beforeAll(async () => {
		server = createServer((req, res) => {
			const hash = createHash('sha256');
			let bytes = 0;
			req.on('data', (chunk: Buffer) => {
				bytes += chunk.length;
				hash.update(chunk);
				if (bytes > failAfterBytes) req.socket.destroy();
			});
			req.on('end', () => {
				received.push({ headers: req.headers, bytes, sha256: hash.digest('hex') });
				res.end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/files`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	beforeEach(() => {
		received = [];
		failAfterBytes = Infinity;
	});

	// n8n's settings for a streamed body: no redirects (plain http, no copy kept) and no body limit
	// (axios then pipes through stream.pipeline with a byte counter)
	const post = async (body: PipeableBody) =>
		await axios({ url, method: 'POST', data: body, maxRedirects: 0, maxBodyLength: Infinity, headers: { 'content-type': 'multipart/form-data; boundary=x' } });

	it('is sent chunked, byte for byte, with its content type', async () => {
		const { stream } = countedSource(64, 64 * 1024);
		const expected = createHash('sha256');
		for (let n = 1; n <= 64; n++) expected.update(new Uint8Array(64 * 1024).fill(n % 256));
		const response = await post(new PipeableBody(stream));
		expect(response.data).toEqual({ ok: true });
		expect(received).toHaveLength(1);
		expect(received[0].headers['transfer-encoding']).toBe('chunked');
		expect(received[0].headers['content-length']).toBeUndefined();
		expect(received[0].headers['content-type']).toBe('multipart/form-data; boundary=x');
		expect(received[0]).toMatchObject({ bytes: 4 * 1024 * 1024, sha256: expected.digest('hex') });
	});

	it('a connection lost mid-upload fails the request; axios leaves the body waiting, destroy() releases it (n8nFetch does)', async () => {
		failAfterBytes = 256 * 1024;
		const { stream, state } = countedSource(1000, 64 * 1024);
		const body = new PipeableBody(stream);
		await expect(post(body)).rejects.toThrow();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(state.cancelled).toBeUndefined();
		const pulled = state.pulled;
		expect(pulled).toBeLessThan(1000);
		body.destroy();
		await new Promise((resolve) => setImmediate(resolve));
		expect(state.cancelled).toBeDefined();
		expect(state.pulled).toBe(pulled);
	});

	it('an abort of the request cancels the source', async () => {
		const { stream, state } = countedSource(100_000, 64 * 1024);
		const controller = new AbortController();
		const sending = axios({ url, method: 'POST', data: new PipeableBody(stream, controller.signal), maxRedirects: 0, maxBodyLength: Infinity, signal: controller.signal });
		setTimeout(() => controller.abort(), 20);
		await expect(sending).rejects.toMatchObject({ name: expect.stringMatching(/CanceledError|AbortError/) });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(state.cancelled).toBeDefined();
		expect(state.pulled).toBeLessThan(100_000);
	});
});
