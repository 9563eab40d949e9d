import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Every child process this program started and that is still running (stopped on SIGINT/SIGTERM). */
const running = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** On SIGINT/SIGTERM: stop our children (by pid), run `cleanup`, exit 130. */
export function stopChildrenOnSignal(cleanup: () => Promise<void> = async () => {}): void {
	const onSignal = (): void => {
		void Promise.all([...running].map((child) => stopChild(child, 5_000)))
			.then(cleanup)
			.finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
}

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/**
 * Runs a command to its end (or kills it after timeoutMs) and collects its output. `stdoutFile`: the
 * command writes its standard output straight into that file (read back at the end) instead of a pipe —
 * a program that prints megabytes and then exits can lose the end of a pipe, never of a file.
 */
export function runCommand(
	command: string,
	args: readonly string[],
	options: SpawnOptions & { timeoutMs?: number; stdoutFile?: string } = {},
): Promise<CommandResult> {
	const started = Date.now();
	const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
	return new Promise((resolve, reject) => {
		const child = track(spawn(command, args, { ...options, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] }));
		if (stdoutFd !== undefined) closeSync(stdoutFd); // the child has its own copy
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = options.timeoutMs
			? setTimeout(() => {
					stderr += `\n[killed after ${options.timeoutMs} ms]`;
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.once('error', reject);
		child.once('close', (code) => {
			if (timer) clearTimeout(timer);
			if (options.stdoutFile) stdout = readFileSync(options.stdoutFile, 'utf8');
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** Stops a child we started: SIGTERM, then SIGKILL after graceMs. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe().catch(() => undefined);
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}
