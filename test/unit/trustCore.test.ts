import { PassThrough, Readable } from 'node:stream';

import { PageGuard } from '../../nodes/shared/paging';
import { checkShape, shape } from '../../nodes/shared/shape';
import { redactDeep, redactSecrets } from '../../nodes/shared/transport/redact';
import { armDeadline, collectBody, looksLikeJsonDocument } from '../../nodes/shared/transport/responseBody';
import {
	BodyReadError,
	BodyTimeoutError,
	PagingError,
	previewOf,
	UnexpectedResponseError,
} from '../../nodes/shared/transport/unexpectedResponse';

describe('shape checks', () => {
	const moderation = shape.object({ results: shape.array(shape.object({ flagged: shape.boolean }), { min: 1 }) });

	it('names the path and what was found', () => {
		expect(() => checkShape({}, moderation, 'a moderation result')).toThrow(
			"The server's answer is not a moderation result: `results` should be a list, but is nothing",
		);
		expect(() => checkShape({ results: [{ flagged: 'no' }] }, moderation, 'x')).toThrow('`results[0].flagged` should be true or false, but is text');
		expect(() => checkShape({ results: [] }, moderation, 'x')).toThrow('`results` should have at least 1 entry, but has 0');
		expect(() => checkShape('OK', moderation, 'x')).toThrow('the answer should be an object, but is text');
		expect(() => checkShape(null, moderation, 'x')).toThrow('the answer should be an object, but is null');
		expect(checkShape({ results: [{ flagged: false }] }, moderation, 'x')).toEqual({ results: [{ flagged: false }] });
	});

	it('carries status, content type and a short preview; HTML becomes its title', () => {
		const error = new UnexpectedResponseError('a list', 'no data', {
			status: 200,
			contentType: 'text/html',
			body: '<html><head><title>Sign in to Wi-Fi</title></head><body>' + 'x'.repeat(5000) + '</body></html>',
		});
		expect(error.preview).toBe('an HTML page titled "Sign in to Wi-Fi"');
		expect(previewOf('y'.repeat(1000)).length).toBe(201);
		expect(previewOf({ a: 1 })).toBe('{"a":1}');
		expect(previewOf(null)).toBe('(empty)');
	});
});

describe('PageGuard', () => {
	it('refuses a repeated cursor, a missing cursor and more pages than the cap, naming the list', () => {
		const guard = new PageGuard('GET /files', 3);
		guard.page();
		guard.follow('a');
		guard.page();
		expect(() => guard.follow('a')).toThrow(PagingError);
		expect(() => guard.follow('a')).toThrow(/same page cursor twice for GET \/files/);
		expect(() => guard.follow(null)).toThrow(/has more pages but gave no cursor/);
		guard.page();
		expect(() => guard.page()).toThrow(/after 3 pages, the most one run reads/);
	});
});

describe('response bodies', () => {
	it('collects a body, or only its first bytes, and reports a body cut off or not decompressible', async () => {
		const whole = await collectBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), { status: 200 });
		expect(whole).toEqual({ bytes: Buffer.from('{"a":1}'), complete: true });
		const big = Readable.from((function* () {
			for (let i = 0; i < 1000; i++) yield Buffer.alloc(1024, 120);
		})());
		const prefix = await collectBody(big, { status: 500, maxBytes: 4096 });
		expect(prefix.bytes.length).toBe(4096);
		expect(prefix.complete).toBe(false);

		const cut = new PassThrough();
		const cutRead = collectBody(cut, { status: 200 });
		cut.write('{"data":[');
		cut.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
		await expect(cutRead).rejects.toMatchObject({ name: 'BodyReadError', reason: 'cut', bytesRead: 9 });

		const gzip = new PassThrough();
		const gzipRead = collectBody(gzip, { status: 200 });
		gzip.destroy(Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' }));
		await expect(gzipRead).rejects.toBeInstanceOf(BodyReadError);
		await expect(gzipRead).rejects.toMatchObject({ reason: 'decompress' });
	});

	it('holds a body to its deadline', async () => {
		const stalled = new PassThrough();
		const read = collectBody(stalled, { status: 200, deadline: Date.now() + 50, timeoutMs: 50 });
		stalled.write('abc');
		await expect(read).rejects.toBeInstanceOf(BodyTimeoutError);
		expect(stalled.destroyed).toBe(true);

		const download = armDeadline(new PassThrough(), 200, Date.now() + 50, 50);
		download.write('part');
		const chunks: Buffer[] = [];
		await expect(
			(async () => {
				for await (const chunk of download) chunks.push(chunk as Buffer);
			})(),
		).rejects.toBeInstanceOf(BodyTimeoutError);
		expect(Buffer.concat(chunks).toString()).toBe('part');
	});

	it('tells a JSON document from other text cheaply', () => {
		expect(looksLikeJsonDocument(Buffer.from(' {"a":1}\n'))).toBe(true);
		expect(looksLikeJsonDocument(Buffer.from('[1]'))).toBe(true);
		expect(looksLikeJsonDocument(Buffer.from('OK'))).toBe(false);
		expect(looksLikeJsonDocument(Buffer.from('{"data":[1,2'))).toBe(false);
		expect(looksLikeJsonDocument(Buffer.from('<html></html>'))).toBe(false);
	});
});

describe('redaction', () => {
	it('keeps the character after a key', () => {
		expect(redactSecrets('provided: sk-proj-abc***wxyz. You can')).toBe('provided: sk-…[redacted]. You can');
		expect(redactSecrets('key sk-abc.def, then')).toBe('key sk-…[redacted], then');
	});

	it('reaches every string field of an error, also non-enumerable ones, arrays and causes', () => {
		const secret = 'gw-secret-123456';
		const cause = new Error(`inner ${secret}`);
		const error = Object.assign(new Error(`outer ${secret}`), {
			description: `d ${secret}`,
			context: { list: [`x ${secret}`], nested: { deep: `Bearer ${secret}` } },
			cause,
		});
		Object.defineProperty(error, 'hidden', { value: secret, enumerable: false, writable: true });
		redactDeep(error, [secret]);
		const text = JSON.stringify([error.message, error.description, error.context, cause.message, error.stack, (error as unknown as { hidden: string }).hidden]);
		expect(text).not.toContain(secret);
		expect(error.message).toBe('outer [redacted]');
	});
});

describe('previews of large answers', () => {
	it('stop soon after 200 characters without writing the whole answer as JSON', () => {
		const huge = { data: Array.from({ length: 200_000 }, (_, index) => ({ index, text: 'x'.repeat(50) })) };
		const started = performance.now();
		const preview = previewOf(huge);
		expect(performance.now() - started).toBeLessThan(50);
		expect(preview.startsWith('{"data":[{"index":0,"text":"xxx')).toBe(true);
		expect(preview.length).toBe(201);
		expect(previewOf({ a: [1, 'two', null, { b: true }] })).toBe('{"a":[1,"two",null,{"b":true}]}');
	});
});
