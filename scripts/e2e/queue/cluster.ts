import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';

import { N8n, type N8nServer } from '../n8n';
import { freePort } from '../process';

/** Where the services of the run are (from scripts/e2e/queue/run.sh). */
export interface QueueServices {
	pgPort: number;
	redisPort: number;
}

/**
 * n8n's queue mode with the durable scheduler: one PostgreSQL database, Redis as the queue, manual
 * runs offloaded to the workers, binary data in the database (2.41's default in queue mode, set
 * explicitly), polls through the scheduler with durable cursors.
 */
export function queueEnvironment({ pgPort, redisPort }: QueueServices, extra: Record<string, string> = {}): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
		// the e2e reads each run back through the REST API: batch-120k-split's run data (240,000 items) is
		// more than the 100 MB n8n hands out by default ("too large to display")
		EXECUTIONS_DATA_MAX_DISPLAY_SIZE: String(1024 * 1024 * 1024),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extra,
	};
}

export interface WorkerJob {
	worker: string;
	executionId: string;
	job: string;
}

/** One main and its workers, each an n8n process with its own user folder (the same community package in each). */
export class QueueCluster {
	readonly n8n: N8n;
	main: N8nServer | undefined;
	/** every main process, one per start */
	readonly mains: N8nServer[] = [];
	mainPort = 0;
	/** each worker's processes, one per start (the last one is the running one) */
	readonly workers = new Map<string, { n8n: N8n; runs: N8nServer[]; healthPort: number }>();
	private mainStarts = 0;

	constructor(
		readonly home: string,
		readonly work: string,
		readonly services: QueueServices,
		private readonly pidFile: string,
	) {
		this.n8n = new N8n(home, join(work, 'main'), queueEnvironment(services));
	}

	/** A worker's user folder gets a copy of the main's installed community packages (~/.n8n/nodes). */
	addWorker(name: string): void {
		const userFolder = join(this.work, name);
		cpSync(join(this.n8n.userFolder, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), { recursive: true });
		this.workers.set(name, { n8n: new N8n(this.home, userFolder, queueEnvironment(this.services)), runs: [], healthPort: 0 });
	}

	async startMain(): Promise<N8nServer> {
		this.mainPort ||= await freePort();
		this.mainStarts++;
		// debug: the scheduler's poll decisions (dispatched, nothing new, abandoned) are logged at debug level
		this.main = await this.n8n.start(this.mainPort, join(this.work, `main-${this.mainStarts}.log`), { N8N_LOG_LEVEL: 'debug' });
		this.mains.push(this.main);
		this.remember(this.main);
		return this.main;
	}

	async startWorker(name: string): Promise<N8nServer> {
		const worker = this.workers.get(name);
		if (!worker) throw new Error(`no worker ${name}`);
		worker.healthPort ||= await freePort();
		const server = await worker.n8n.startWorker(worker.healthPort, join(this.work, `${name}-${worker.runs.length + 1}.log`));
		worker.runs.push(server);
		this.remember(server);
		return server;
	}

	worker(name: string): N8nServer {
		const server = this.workers.get(name)?.runs.at(-1);
		if (!server) throw new Error(`worker ${name} was not started`);
		return server;
	}

	/** The logs of every main process so far. */
	mainLogs(): string[] {
		return this.mains.map((main) => main.output);
	}

	/** Every "Worker started execution N (job J)" line of every worker, across its restarts. */
	workerJobs(): WorkerJob[] {
		const jobs: WorkerJob[] = [];
		for (const [worker, { runs }] of this.workers) {
			for (const run of runs) {
				for (const match of run.output.matchAll(/Worker started execution (\d+) \(job (\d+)\)/g)) jobs.push({ worker, executionId: match[1], job: match[2] });
			}
		}
		return jobs;
	}

	/** Which worker ran an execution (undefined: none logged it). */
	workerOf(executionId: string): string | undefined {
		return this.workerJobs().find((job) => job.executionId === executionId)?.worker;
	}

	async stopAll(): Promise<void> {
		await Promise.all([...this.workers.values()].map((w) => w.runs.at(-1)?.stop()));
		await this.main?.stop();
	}

	/** The run.sh trap kills these process groups if this driver dies without stopping them. */
	private remember(server: N8nServer): void {
		appendFileSync(this.pidFile, `${server.child.pid}\n`);
	}
}
