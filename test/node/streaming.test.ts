import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { FAKE_KEYS } from '../fake-openai';
import type { UploadRecord } from '../fake-openai/areas/media/inspect';
import { waitUntil } from '../fake-openai/testClient';
import { runWorkflow } from '../harness';
import { useFilesystemBinaryMode } from '../harness/filesystemBinary';
import { pseudoRandomChunks } from './streamingFakeProcess';
import { workflow } from './workflows';

/**
 * Big files stream end to end (issue 4): an upload is read from n8n's filesystem binary store and sent
 * chunk by chunk, a download is written chunk by chunk into the store; neither is held in memory.
 * The fake runs in a child process (it buffers bodies and keeps files in memory itself), so this
 * process's memory is the node's: its peaks are sampled during each run and compared with a warm run.
 */
const MB = 1024 * 1024;
const SIZE = 50 * MB;
/**
 * How much the process may grow while moving a 50 MB file: half of it. Streamed, it grows by a few MB
 * (chunks in flight, and chunks the young-generation GC promoted before they died); the buffered
 * path this replaced grew by 95 MB (upload) and 150 MB (download) of array buffers.
 */
const MAX_GROWTH = SIZE / 2;

// The child loads the fake's TypeScript through a small require hook (TypeScript's transpiler, cached on disk).
const BOOTSTRAP = `
const ts = require(${JSON.stringify(require.resolve('typescript'))});
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const cache = path.join(require('node:os').tmpdir(), 'oaip-fake-ts-cache');
fs.mkdirSync(cache, { recursive: true });
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const cached = path.join(cache, crypto.createHash('sha1').update(ts.version + filename + source).digest('hex') + '.js');
	let code;
	try {
		code = fs.readFileSync(cached, 'utf8');
	} catch {
		code = ts.transpileModule(source, { fileName: filename, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
		fs.writeFileSync(cached, code);
	}
	module._compile(code, filename);
};
require(${JSON.stringify(join(__dirname, 'streamingFakeProcess.ts'))}).runFakeProcess();
`;

interface FakeProcess {
	url: string;
	call<T>(message: Record<string, unknown>): Promise<T>;
	stop(): void;
}

async function startFakeProcess(): Promise<FakeProcess> {
	const child: ChildProcess = spawn(process.execPath, ['-e', BOOTSTRAP], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map<number, (reply: unknown) => void>();
	let nextId = 1;
	const url = await new Promise<string>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`The fake's process exited (${code})`)));
		child.on('message', (message: { type?: string; url?: string; id?: number }) => {
			if (message.type === 'ready') resolve(message.url as string);
			else if (message.id !== undefined) pending.get(message.id)?.(message);
		});
	});
	return {
		url,
		call: async <T>(message: Record<string, unknown>) =>
			await new Promise<T>((resolve) => {
				const id = nextId++;
				pending.set(id, (reply) => resolve(reply as T));
				child.send({ ...message, id });
			}),
		stop: () => child.disconnect(),
	};
}

/** Test-only node `test.streamedFile`: one item with a file of `size` pseudo-random bytes, written to n8n's store as a stream. */
class StreamedFileNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Streamed File',
		name: 'streamedFile',
		group: ['transform'],
		version: 1,
		description: 'Emits one item with a large binary file, never held in memory (harness only)',
		defaults: { name: 'Streamed File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Size', name: 'size', type: 'number', default: 1 },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'big.bin' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const size = this.getNodeParameter('size', 0) as number;
		const fileName = this.getNodeParameter('fileName', 0) as string;
		const binary = await this.helpers.prepareBinaryData(Readable.from(pseudoRandomChunks(size, fileName)), fileName, 'application/pdf');
		return [[{ json: { size }, binary: { data: binary }, pairedItem: { item: 0 } }]];
	}
}

const sha256Of = async (chunks: AsyncIterable<Buffer> | Iterable<Buffer>) => {
	const hash = createHash('sha256');
	for await (const chunk of chunks) hash.update(chunk);
	return hash.digest('hex');
};

interface MemoryPeaks {
	rss: number;
	heapUsed: number;
	arrayBuffers: number;
}

// Garbage is not memory held: chunks already sent (or written) count until the GC frees them, so a
// GC runs before each sample, before the start, and only a level that lasts counts (peakGrowth).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

/** A figure counts only when it stays up this long (and over this many samples). */
const SUSTAINED_MS = 250;
const SUSTAINED_SAMPLES = 5;

/**
 * Runs `work` while sampling the process's memory; returns how far each figure rose above its level
 * before and stayed: the highest level held for SUSTAINED_MS. Chunks already sent are garbage until
 * the GC and V8's (background) array-buffer sweeper free them, which a busy machine delays — a spike
 * of that lasts a GC cycle; a file held in memory stays for the whole transfer.
 */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: MemoryPeaks }> {
	gc();
	await new Promise((resolve) => setTimeout(resolve, 20));
	const before = process.memoryUsage();
	const samples: Array<MemoryPeaks & { at: number }> = [];
	const sample = () => {
		const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
		samples.push({ at: performance.now(), rss, heapUsed, arrayBuffers });
	};
	// a young-generation GC before each sample, and now and then a full one
	let ticks = 0;
	const timer = setInterval(() => {
		gc({ type: ++ticks % 40 === 0 ? 'major' : 'minor' });
		sample();
	}, 5);
	try {
		const result = await work();
		sample();
		const held = (figure: keyof MemoryPeaks) => sustainedPeak(samples, figure) - before[figure];
		return { result, growth: { rss: held('rss'), heapUsed: held('heapUsed'), arrayBuffers: held('arrayBuffers') } };
	} finally {
		clearInterval(timer);
	}
}

/** The highest level `figure` kept through SUSTAINED_MS and at least SUSTAINED_SAMPLES samples in a row. */
function sustainedPeak(samples: Array<MemoryPeaks & { at: number }>, figure: keyof MemoryPeaks): number {
	// a run too short for one window: its highest sample
	let peak = samples.at(-1)!.at - samples[0].at < SUSTAINED_MS ? Math.max(...samples.map((s) => s[figure])) : 0;
	for (let i = 0; i < samples.length; i++) {
		let low = samples[i][figure];
		let j = i + 1;
		for (; j < samples.length && (j - i < SUSTAINED_SAMPLES || samples[j].at - samples[i].at < SUSTAINED_MS); j++) {
			low = Math.min(low, samples[j][figure]);
		}
		if (j === samples.length && samples[samples.length - 1].at - samples[i].at < SUSTAINED_MS) break;
		peak = Math.max(peak, low);
	}
	return peak;
}

let fake: FakeProcess;
const binaryMode = useFilesystemBinaryMode();
beforeAll(async () => {
	fake = await startFakeProcess();
}, 20_000);
afterAll(() => {
	fake?.stop();
});

const run = async (spec: Parameters<typeof workflow>[0]) =>
	await runWorkflow(workflow(spec), {
		credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } },
		nodeTypes: { 'test.streamedFile': new StreamedFileNode() },
	});

const upload = async (size: number, fileName: string) =>
	await run({ nodes: [{ name: 'Streamed File', type: 'test.streamedFile', parameters: { size, fileName } }, { name: 'OpenAI', parameters: { resource: 'file', operation: 'upload' } }] });

const download = async (fileId: string) =>
	await run({ items: [{ id: fileId }], nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}' } }] });

/** Files under the binary store this process has open (Linux). */
function openFilesUnder(dir: string): string[] {
	const paths: string[] = [];
	for (const fd of readdirSync('/proc/self/fd')) {
		try {
			const path = readlinkSync(`/proc/self/fd/${fd}`);
			if (path.startsWith(dir)) paths.push(path);
		} catch {
			// closed meanwhile
		}
	}
	return paths;
}

/** Every file in the binary store. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

async function storedSha256(binary: IBinaryData): Promise<string> {
	return await sha256Of(await Container.get(BinaryDataService).getAsStream(binary.id as string));
}

describe("big files in n8n's filesystem binary mode", () => {
	it('a 50 MB upload arrives byte for byte while the process grows by far less than the file', async () => {
		const warm = await upload(5 * MB, 'warm.pdf'); // loads every module on the path, so the measured run sees only the file
		expect(warm.status).toBe('success');

		const { result, growth } = await peakGrowth(async () => await upload(SIZE, 'large.pdf'));
		expect(result.status).toBe('success');
		expect(result.output('Streamed File')[0].binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(result.output('OpenAI')[0].json).toMatchObject({ object: 'file', filename: 'large.pdf', bytes: SIZE, purpose: 'user_data' });
		const { uploads } = await fake.call<{ uploads: UploadRecord[] }>({ type: 'uploads' });
		expect(uploads.at(-1)?.files).toEqual([
			{ field: 'file', filename: 'large.pdf', contentType: 'application/pdf', bytes: SIZE, sha256: await sha256Of(pseudoRandomChunks(SIZE, 'large.pdf')) },
		]);
		expect(growth.arrayBuffers).toBeLessThan(MAX_GROWTH);
		expect(growth.rss).toBeLessThan(MAX_GROWTH);
	});

	it('a 50 MB download lands in the binary store byte for byte without being held in memory', async () => {
		const warmFile = await fake.call<{ fileId: string }>({ type: 'seed', size: 2 * MB, fileName: 'warm.bin' });
		expect((await download(warmFile.fileId)).status).toBe('success');
		const seeded = await fake.call<{ fileId: string; sha256: string }>({ type: 'seed', size: SIZE, fileName: 'export.bin' });

		const { result, growth } = await peakGrowth(async () => await download(seeded.fileId));
		expect(result.status).toBe('success');
		const [item] = result.output('OpenAI');
		expect(item.json).toMatchObject({ id: seeded.fileId, filename: 'export.bin', bytes: SIZE });
		expect(item.binary?.data).toMatchObject({ id: expect.stringMatching(/^filesystem-v2:/), fileName: 'export.bin', bytes: SIZE });
		expect(await storedSha256(item.binary?.data as IBinaryData)).toBe(seeded.sha256);
		expect(growth.arrayBuffers).toBeLessThan(MAX_GROWTH);
		expect(growth.rss).toBeLessThan(MAX_GROWTH);
	});

	it('a big (streamed) download gets its MIME type from its name, and one without an extension is not called text', async () => {
		const seed = async (fileName: string) => (await fake.call<{ fileId: string }>({ type: 'seed', size: 2 * MB, fileName })).fileId;
		const files = [await seed('chart'), await seed('table.csv'), await seed('results.jsonl')];
		const result = await run({ items: files.map((id) => ({ id })), nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}' } }] });
		expect(result.output('OpenAI').map((item) => [item.binary?.data.fileName, item.binary?.data.mimeType, item.binary?.data.bytes])).toEqual([
			['chart', 'application/octet-stream', 2 * MB],
			['table.csv', 'text/csv', 2 * MB],
			['results.jsonl', 'application/jsonl', 2 * MB],
		]);
	});

	(process.platform === 'linux' ? it : it.skip)('Stop in the middle of a big upload ends it and closes the file it was reading', async () => {
		const { uploads: before } = await fake.call<{ uploads: UploadRecord[] }>({ type: 'uploads' });
		const reading = () => openFilesUnder(binaryMode.storage()).filter((path) => !path.includes('.tmp.'));
		const result = await runWorkflow(
			workflow({ nodes: [{ name: 'Streamed File', type: 'test.streamedFile', parameters: { size: SIZE, fileName: 'stopped.pdf' } }, { name: 'OpenAI', parameters: { resource: 'file', operation: 'upload' } }] }),
			{
				credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } },
				nodeTypes: { 'test.streamedFile': new StreamedFileNode() },
				cancelWhen: () => reading().length > 0, // the upload has started
			},
		);
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		// the file closes as the aborted stream unwinds: a moment after the run settles (longer on a busy machine)
		await waitUntil(() => reading().length === 0, 5000).catch(() => undefined);
		expect(reading()).toEqual([]);
		const { uploads } = await fake.call<{ uploads: UploadRecord[] }>({ type: 'uploads' });
		expect(uploads).toHaveLength(before.length);
	});

	(process.platform === 'linux' ? it : it.skip)('Stop in the middle of a big download ends it, closes and removes the partly written file', async () => {
		const seeded = await fake.call<{ fileId: string }>({ type: 'seed', size: SIZE, fileName: 'interrupted.bin' });
		const writing = () => openFilesUnder(binaryMode.storage()).filter((path) => path.includes('.tmp.'));
		const result = await runWorkflow(workflow({ items: [{ id: seeded.fileId }], nodes: [{ parameters: { resource: 'file', operation: 'download', fileId: '={{ $json.id }}' } }] }), {
			credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } },
			cancelWhen: () => writing().length > 0, // the download is being written into the store
		});
		expect(result.status).toBe('canceled');
		expect(result.cancellation?.settled).toBe(true);
		await waitUntil(() => openFilesUnder(binaryMode.storage()).length === 0, 5000).catch(() => undefined);
		expect(openFilesUnder(binaryMode.storage())).toEqual([]);
		expect(filesUnder(binaryMode.storage()).filter((path) => path.includes('.tmp.'))).toEqual([]);
	});
});
