/**
 * The process that uploads (see uploadMemory.bench.ts): n8n's filesystem binary mode, one item
 * whose binary is the given file (stored through n8n's binary store as a stream), then File →
 * Upload, which sends it in parts through the Uploads API. It samples its own memory every 10 ms
 * and prints one JSON line: RSS when idle (harness loaded, nothing run), and the peaks of RSS and
 * heap while the file is stored and while it is uploaded.
 * Usage: node uploadMemoryWorker.js <fake base URL> <file> <parallel parts> <part size in MB>
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FAKE_KEYS } from '../test/fake-openai/keys';
import { runWorkflow } from '../test/harness';
import { installFilesystemBinaryData } from '../test/harness/filesystemBinary';
import * as httpCapture from '../test/harness/http-capture';

// The harness keeps a copy of every request's body for the tests' assertions (64 MB per part here);
// n8n keeps none. The bench drops the body from that record, so the figures are n8n's and the node's.
const capture = httpCapture as { toCapturedRequest: typeof httpCapture.toCapturedRequest };
const toCapturedRequest = capture.toCapturedRequest;
capture.toCapturedRequest = (credentialType, options, node) => toCapturedRequest(credentialType, { ...options, body: undefined }, node);

interface Peak {
	rss: number;
	heapUsed: number;
	external: number;
}
const peaks: Record<'store' | 'upload', Peak> = { store: { rss: 0, heapUsed: 0, external: 0 }, upload: { rss: 0, heapUsed: 0, external: 0 } };
let phase: keyof typeof peaks | undefined;
/** RSS when the upload phase began (what storing the file left behind). */
let atUploadStart = 0;
function sample(): void {
	if (!phase) return;
	const usage = process.memoryUsage();
	const peak = peaks[phase];
	peak.rss = Math.max(peak.rss, usage.rss);
	peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
	peak.external = Math.max(peak.external, usage.external);
}

/** Emits one item whose binary is the file, stored through n8n's binary store; the upload phase starts when it is done. */
class FileFromDiskNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'File From Disk',
		name: 'fileFromDisk',
		group: ['transform'],
		version: 1,
		description: 'Emits a file from disk as binary (bench only)',
		defaults: { name: 'File From Disk' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		phase = 'store';
		const binary = await this.helpers.prepareBinaryData(createReadStream(this.getNodeParameter('path', 0) as string), 'corpus.txt', 'text/plain');
		atUploadStart = process.memoryUsage().rss;
		phase = 'upload';
		return [[{ json: {}, binary: { data: binary } }]];
	}
}

function vmHwm(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

async function main(): Promise<void> {
	const [url, path, parallel, partSizeMb] = process.argv.slice(2);
	const storage = mkdtempSync(join(tmpdir(), 'oaip-bench-binary-'));
	try {
		await installFilesystemBinaryData(storage);

		const workflow = {
			name: 'bench upload',
			nodes: [
				{ name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
				{ name: 'File', type: 'test.fileFromDisk', typeVersion: 1, parameters: { path } },
				{
					name: 'OpenAI',
					type: 'n8n-nodes-openai-platform.openAiPlatform',
					typeVersion: 1,
					parameters: { resource: 'file', operation: 'upload', purpose: 'assistants', options: { parallelParts: Number(parallel), partSizeMb: Number(partSizeMb) } },
					credentials: { openAiPlatformApi: { id: 'bench', name: 'bench' } },
				},
			],
			connections: { Trigger: { main: [[{ node: 'File', type: 'main', index: 0 }]] }, File: { main: [[{ node: 'OpenAI', type: 'main', index: 0 }]] } },
		};
		const options = { credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url } }, nodeTypes: { 'test.fileFromDisk': new FileFromDiskNode() } };
		// warm-up with a tiny file so the idle figure includes everything the run loads (n8n, the SDK, the node)
		await runWorkflow({ ...workflow, nodes: workflow.nodes.map((node) => (node.name === 'File' ? { ...node, parameters: { path: __filename } } : node)) }, options);
		phase = undefined;
		global.gc?.();
		await new Promise((resolve) => setTimeout(resolve, 200));
		const idle = process.memoryUsage();
		const timer = setInterval(sample, 10);
		const started = performance.now();
		const run = await runWorkflow(workflow, options);
		const seconds = (performance.now() - started) / 1000;
		clearInterval(timer);
		const [item] = run.output('OpenAI');
		const result = {
			status: run.status,
			error: run.status === 'success' ? undefined : String((run.nodeError('OpenAI') ?? run.error)?.message),
			fileBytes: statSync(path).size,
			uploadedBytes: item?.json.bytes,
			idle: { rss: idle.rss, heapUsed: idle.heapUsed, external: idle.external },
			peaks,
			atUploadStart,
			vmHwm: vmHwm(),
			seconds,
		};
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} finally {
		rmSync(storage, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
