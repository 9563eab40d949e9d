import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, runCommand, stopChild, track, waitFor, type CommandResult } from './process';

/** A credential as `n8n import:credentials` takes it: plain `data` is encrypted on import. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string | number | boolean>;
}

/** What `n8n execute --rawOutput` printed, parsed (the IRun of the execution). */
export interface ExecuteResult extends CommandResult {
	run: N8nRun | null;
}

export interface N8nRun {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, Array<N8nTaskData>>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface N8nTaskData {
	executionTime?: number;
	executionStatus?: string;
	data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, N8nBinary>; pairedItem?: unknown }> | null> };
	error?: { message?: string; description?: string };
}

export interface N8nBinary {
	mimeType?: string;
	fileName?: string;
	fileSize?: string;
	fileExtension?: string;
	id?: string;
	data?: string;
}

/** Environment for every n8n process: quiet, offline, loopback only, one fixed encryption key. */
export function n8nEnvironment(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-openai-platform-fixed-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		// OPENAI_* of the developer's shell must not leak into n8n's nodes.
		OPENAI_API_KEY: '',
		OPENAI_BASE_URL: '',
		...extra,
	};
}

/** One real n8n (a cached install) with its own user folder, driven through its CLI. */
export class N8n {
	readonly bin: string;

	constructor(
		readonly home: string,
		readonly userFolder: string,
		private readonly extraEnv: Record<string, string> = {},
	) {
		this.bin = join(home, 'node_modules', 'n8n', 'bin', 'n8n');
		mkdirSync(userFolder, { recursive: true });
	}

	/** Runs `n8n <args>` with its own task-broker port, so it can run beside `n8n start`. */
	async cli(args: readonly string[], timeoutMs = 180_000, stdoutFile?: string): Promise<CommandResult> {
		const brokerPort = String(await freePort());
		return await runCommand(process.execPath, [this.bin, ...args], {
			cwd: this.userFolder,
			env: n8nEnvironment(this.userFolder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...this.extraEnv }),
			timeoutMs,
			stdoutFile,
		});
	}

	async cliOrThrow(args: readonly string[], timeoutMs?: number): Promise<CommandResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.code}:\n${tail(result.stdout + result.stderr)}`);
		}
		return result;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.import.json');
		writeFileSync(file, JSON.stringify(credentials, null, '\t'));
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	/** Imports every workflow JSON file of a folder in one command. */
	async importWorkflows(folder: string): Promise<void> {
		await this.cliOrThrow(['import:workflow', '--separate', `--input=${folder}`]);
	}

	async publish(workflowId: string): Promise<void> {
		await this.cliOrThrow(['publish:workflow', `--id=${workflowId}`]);
	}

	async execute(workflowId: string, timeoutMs?: number): Promise<ExecuteResult> {
		// into a file: the run data of a big run is megabytes, and n8n exits right after printing it
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, join(this.userFolder, `execute-${workflowId}.out`));
		return { ...result, run: parseRawOutput(result.stdout) };
	}

	/** `n8n start` on 127.0.0.1:<port>; resolves once the editor is accessible. Output goes to logFile. */
	async start(port: number, logFile: string, env: Record<string, string> = {}): Promise<N8nServer> {
		const server = await this.spawn(['start'], `http://127.0.0.1:${port}`, logFile, { N8N_PORT: String(port), ...env });
		await server.waitForLog(/Editor is now accessible via/, 120_000);
		return server;
	}

	/**
	 * `n8n worker` (queue mode: env must carry EXECUTIONS_MODE=queue and the Redis/PostgreSQL settings);
	 * its health check on 127.0.0.1:<healthPort>. Resolves once the worker says it is ready.
	 */
	async startWorker(healthPort: number, logFile: string, env: Record<string, string> = {}, concurrency = 5): Promise<N8nServer> {
		const server = await this.spawn(['worker', `--concurrency=${concurrency}`], `http://127.0.0.1:${healthPort}`, logFile, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...env,
		});
		await server.waitForLog(/n8n worker is now ready/, 120_000);
		return server;
	}

	private async spawn(args: string[], url: string, logFile: string, env: Record<string, string>): Promise<N8nServer> {
		const brokerPort = String(await freePort());
		const child = track(spawn(process.execPath, [this.bin, ...args], {
			cwd: this.userFolder,
			env: n8nEnvironment(this.userFolder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...this.extraEnv, ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
			// its own process group, so kill() also ends the task runner it starts
			detached: true,
		}));
		return new N8nServer(child, url, logFile);
	}
}

/** A running `n8n start` or `n8n worker`. */
export class N8nServer {
	private log = '';

	constructor(
		readonly child: ChildProcess,
		readonly url: string,
		readonly logFile: string,
	) {
		const out = createWriteStream(logFile);
		const collect = (chunk: Buffer): void => {
			this.log += chunk.toString();
			out.write(chunk);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		child.once('exit', () => out.end());
	}

	get output(): string {
		return this.log;
	}

	async waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
		await waitFor(
			`n8n to log ${pattern} (see ${this.logFile})`,
			async () => {
				if (this.child.exitCode !== null) throw new Error(`n8n exited with ${this.child.exitCode}:\n${tail(this.log)}`);
				return pattern.test(this.log) ? true : undefined;
			},
			timeoutMs,
		).catch((error: Error) => {
			if (this.child.exitCode !== null) throw new Error(`n8n start exited with ${this.child.exitCode}:\n${tail(this.log)}`);
			throw error;
		});
	}

	async stop(graceMs?: number): Promise<void> {
		await stopChild(this.child, graceMs);
		try {
			process.kill(-(this.child.pid as number), 'SIGKILL'); // whatever of its group is left (the task runner)
		} catch {
			// the group is gone: nothing left
		}
	}

	/** kill -9 of the process and its group (the task runner): a crash, nothing shut down cleanly. */
	async kill(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		try {
			process.kill(-(this.child.pid as number), 'SIGKILL');
		} catch {
			this.child.kill('SIGKILL');
		}
		await exited;
	}
}

/** The JSON that `n8n execute --rawOutput` prints after its log lines (it starts with a line that is `{`). */
export function parseRawOutput(stdout: string): N8nRun | null {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return null;
	let end = lines.length - 1;
	while (end > start && lines[end] !== '}') end--;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as N8nRun;
	} catch {
		return null;
	}
}

/**
 * The bytes of a binary property as `n8n execute` printed it: inline base64 `data`, or (n8n's default
 * filesystem mode) a `filesystem-v2:<path>` id under <user folder>/.n8n/storage (2.x; binaryData before).
 */
export function binaryBytes(userFolder: string, binary: N8nBinary | undefined): Buffer {
	if (!binary) throw new Error('no binary property');
	if (binary.id?.startsWith('filesystem-v2:')) {
		const path = binary.id.slice('filesystem-v2:'.length);
		const file = ['storage', 'binaryData'].map((folder) => join(userFolder, '.n8n', folder, path)).find((f) => existsSync(f));
		if (!file) throw new Error(`binary file ${path} is neither in .n8n/storage nor in .n8n/binaryData`);
		return readFileSync(file);
	}
	if (binary.data && binary.data !== 'filesystem-v2') return Buffer.from(binary.data, 'base64');
	throw new Error(`cannot read binary ${JSON.stringify(binary)}`);
}

export function tail(text: string, lines = 30): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}
