import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The fake OpenAI API in its own process, so its CPU work does not share the event loop (or the
 * CPU-time figures) of the code being measured. Controlled through its /_fake/ API.
 */
export interface FakeProcess {
	url: string;
	origin: string;
	configure(config: Record<string, unknown>): Promise<void>;
	/** The request log (`logging` must be on). */
	requests(): Promise<Array<{ method: string; path: string; status: number | null; startedAt: number; durationMs: number | null; body?: unknown }>>;
	clearRequests(): Promise<void>;
	stop(): Promise<void>;
}

const MAIN = join(__dirname, '..', 'test', 'fake-openai', 'main.js');

export async function startFakeProcess(args: string[] = []): Promise<FakeProcess> {
	const child: ChildProcess = spawn(process.execPath, [MAIN, '--port', '0', ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening at (http:\/\/\S+)/.exec(out);
			if (match) {
				child.stdout?.off('data', onData);
				child.stdout?.resume();
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`fake OpenAI exited early (${code}): ${out}`)));
	});
	const origin = url.replace(/\/v1$/, '');
	const control = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${origin}/_fake/${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok) throw new Error(`/_fake/${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as unknown;
	};
	return {
		url,
		origin,
		configure: async (config) => {
			await control('POST', 'config', config);
		},
		requests: async () => ((await control('GET', 'requests')) as { data: never[] }).data,
		clearRequests: async () => {
			await control('DELETE', 'requests');
		},
		stop: async () => {
			if (child.exitCode !== null) return;
			await new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			});
		},
	};
}
