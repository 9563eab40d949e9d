import type { FakeOpenAi } from '../../../test/fake-openai';
import { checkExample, prepareFake, type PlannedExample } from '../cliExamples';
import type { N8nBinary, N8nRun } from '../n8n';
import type { N8nRest } from '../n8nRest';
import { waitFor } from '../process';
import type { Report } from '../report';
import { RunView } from '../runView';
import type { QueueCluster } from './cluster';
import type { Sql } from './sql';

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
export const FINISHED = (status: string): boolean => !['new', 'running', 'waiting', 'unknown'].includes(status);

/**
 * A Manual-Trigger example run as the editor's "Execute workflow" does (POST /rest/workflows/:id/run):
 * with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS the main enqueues it and a worker runs it. The finished
 * execution is read back through the REST API, its binary data from the database, and the worker
 * that ran it from the workers' logs ("Worker started execution N (job J)").
 */
export async function runExampleOnWorkers(
	{ example }: PlannedExample,
	context: { cluster: QueueCluster; rest: N8nRest; fake: FakeOpenAi; sql: Sql; report: Report },
): Promise<{ executionId: string; worker: string } | undefined> {
	const { cluster, rest, fake, sql, report } = context;
	let outcome: { executionId: string; worker: string } | undefined;
	await report.check(`example ${example.name} (manual run offloaded to a worker)`, async () => {
		prepareFake(example, fake);
		const trigger = example.workflow.nodes.find((node) => node.type === MANUAL_TRIGGER);
		if (!trigger) throw new Error('no Manual Trigger');
		const started = Date.now();
		const answer = await rest.post<{ executionId?: string; waitingForWebhook?: boolean }>(`/workflows/${example.workflow.id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		if (!answer.executionId) throw new Error(`n8n started no execution: ${JSON.stringify(answer)}`);
		const executionId = answer.executionId;
		await waitFor(
			`execution ${executionId} to finish`,
			async () => (FINISHED((await rest.get<{ status: string }>(`/executions/${executionId}`)).status) ? true : undefined),
			240_000,
			500,
		);
		const ms = Date.now() - started;
		const worker = await waitFor(`a worker's log to name execution ${executionId}`, async () => cluster.workerOf(executionId), 10_000, 200);
		const run = new RunView(await rest.executionRun(executionId));
		if (run.status !== 'success') throw new Error(`execution ${executionId} on ${worker}: ${run.status ?? 'failed'}: ${run.error ?? ''}`);
		const binaries = await databaseBinaries(run.run, sql);
		checkExample(example, run, fake, (binary) => bytesOf(binary, binaries));
		outcome = { executionId, worker };
		const binaryNote = binaries.size > 0 ? `, ${binaries.size} binary file(s) from the database` : '';
		return `execution ${executionId} on ${worker}: ${run.executedNodes.length} nodes ran, ${fake.requests.length} API request(s)${binaryNote} in ${(ms / 1000).toFixed(1)} s`;
	});
	return outcome;
}

/** Every binary of the run stored in n8n's `database` binary mode (`database:<fileId>`), read from its table. */
async function databaseBinaries(run: N8nRun, sql: Sql): Promise<Map<string, Buffer>> {
	const ids = new Set<string>();
	for (const tasks of Object.values(run.data.resultData.runData)) {
		for (const task of tasks) {
			for (const output of task.data?.main ?? []) {
				for (const item of output ?? []) {
					for (const binary of Object.values(item.binary ?? {})) if (binary.id?.startsWith('database:')) ids.add(binary.id.slice('database:'.length));
				}
			}
		}
	}
	const files = new Map<string, Buffer>();
	if (ids.size === 0) return files;
	const rows = await sql.query<{ fileId: string; data: Buffer }>('SELECT "fileId", data FROM binary_data WHERE "fileId" = ANY($1::uuid[])', [[...ids]]);
	for (const row of rows) files.set(row.fileId, row.data);
	return files;
}

function bytesOf(binary: N8nBinary | undefined, files: Map<string, Buffer>): Buffer {
	if (!binary) throw new Error('no binary property');
	if (binary.id?.startsWith('database:')) {
		const file = files.get(binary.id.slice('database:'.length));
		if (!file) throw new Error(`binary ${binary.id} is not in the binary_data table`);
		return file;
	}
	if (binary.data && !binary.id) return Buffer.from(binary.data, 'base64');
	throw new Error(`binary data is not in the database mode: ${JSON.stringify({ ...binary, data: undefined })}`);
}
