/**
 * The `curl` examples in test/fake-openai/README.md (the block after `<!-- fake-openai-curl -->`)
 * run, in order, against a fresh fake: each prints JSON, an error body exactly where the README's
 * comment says `→ 4xx/5xx`, and OpenAI's shape where it does not.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';

const README = join(__dirname, 'fake-openai', 'README.md');
// asynchronous: the fake answers from this process, so the test must not block it while curl waits
const run = promisify(execFile);

/** The shell block after the marker, with `\` continuations joined. */
function curlBlock(): string[] {
	const text = readFileSync(README, 'utf8');
	const after = text.split('<!-- fake-openai-curl -->')[1];
	if (after === undefined) throw new Error('README.md has no <!-- fake-openai-curl --> block');
	const block = /```sh\n([\s\S]*?)```/.exec(after)?.[1] ?? '';
	return block.replace(/\\\n\s*/g, '').split('\n');
}

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});

describe('the curl examples of the fake’s README', () => {
	it('work against the fake, line by line', async () => {
		const lines = curlBlock();
		const variables = lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => (line.startsWith('BASE=') ? `BASE=${fake.origin}` : line));
		const curls = lines.filter((line) => line.startsWith('curl '));
		expect(variables.map((line) => line.split('=')[0])).toEqual(['BASE', 'KEY', 'ADMIN']);
		expect(curls.length).toBeGreaterThanOrEqual(8);
		const called = new Map<string, string>(); // request id → "METHOD path status", kept across the final reset
		for (const line of curls) {
			const { stdout: out } = await run('bash', ['-c', `set -euo pipefail\n${variables.join('\n')}\n${line}`], { encoding: 'utf8', timeout: 20_000 });
			let body: Record<string, unknown>;
			try {
				body = JSON.parse(out) as Record<string, unknown>;
			} catch {
				throw new Error(`not JSON from: ${line}\n${out.slice(0, 300)}`);
			}
			const expectsError = /#\s*→\s*[45]\d\d/.test(line);
			expect({ line, error: body.error !== undefined }).toEqual({ line, error: expectsError });
			for (const request of fake.requests) called.set(request.id, `${request.method} ${request.path} ${request.status}`);
		}
		expect([...called.values()]).toContain('POST /v1/chat/completions 200');
		expect([...called.values()]).toContain('GET /v1/organization/costs 200');
		expect([...called.values()]).toContain('GET /v1/models 401');
		expect([...called.values()]).toContain('GET /v1/models 503');
		expect(fake.requests).toEqual([]); // the last line reset it
	});
});
