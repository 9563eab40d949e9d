/**
 * Issue 14: peak memory of File → Upload for a 1 GB file from n8n's filesystem binary store, sent
 * in parts through the Uploads API. The upload runs in its own process (uploadMemoryWorker.ts),
 * the fake OpenAI API in another (it keeps every part it receives: its memory is not ours), so the
 * figures are the uploading process alone. The file is sparse (1 GB of zeros that take no disk
 * until n8n's binary store copies it), in a temp folder deleted afterwards.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startFakeProcess } from './fakeProcess';
import { machineLine, ratio, table, writeSection } from './report';

export const description = 'File → Upload of 1 GB in parts from the filesystem binary store: peak RSS and heap of the uploading process';

const GB = 1024 ** 3;
const MiB = 1024 ** 2;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

interface WorkerResult {
	status: string;
	error?: string;
	fileBytes: number;
	uploadedBytes?: number;
	idle: { rss: number; heapUsed: number; external: number };
	peaks: Record<'store' | 'upload', { rss: number; heapUsed: number; external: number }>;
	vmHwm: number;
	seconds: number;
}

/** Runs the worker; also reads its RSS from /proc every 20 ms, from outside. */
async function runWorker(url: string, file: string, parallel: number, partSizeMb: number): Promise<WorkerResult & { outsidePeakRss: number }> {
	const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'uploadMemoryWorker.js'), url, file, String(parallel), String(partSizeMb)], { stdio: ['ignore', 'pipe', 'inherit'] });
	let outsidePeakRss = 0;
	const watch = setInterval(() => {
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
			if (match) outsidePeakRss = Math.max(outsidePeakRss, Number(match[1]) * 1024);
		} catch {
			// the process has ended
		}
	}, 20);
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearInterval(watch);
	if (code !== 0) throw new Error(`the upload worker exited with ${code}: ${out}`);
	return { ...(JSON.parse(out.trim().split('\n').pop() as string) as WorkerResult), outsidePeakRss };
}

export async function run(): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'oaip-bench-upload-'));
	const file = join(folder, 'corpus-1gb.txt');
	const fake = await startFakeProcess();
	try {
		const fd = openSync(file, 'w');
		ftruncateSync(fd, GB); // sparse: 1 GB of zeros
		closeSync(fd);
		const rows: Array<Array<string | number>> = [];
		for (const [parallel, partSizeMb] of [[1, 64], [3, 64], [3, 16]]) {
			const result = await runWorker(fake.url, file, parallel, partSizeMb);
			if (result.status !== 'success' || result.uploadedBytes !== GB) throw new Error(`the upload did not succeed: ${result.error ?? JSON.stringify(result)}`);
			await fetch(`${fake.origin}/_fake/reset`, { method: 'POST' }); // drop the gigabyte of parts the fake kept
			const upload = result.peaks.upload;
			console.log(`parallel ${parallel} × ${partSizeMb} MB: idle ${mib(result.idle.rss)}, peak RSS ${mib(upload.rss)} (outside ${mib(result.outsidePeakRss)}, VmHWM ${mib(result.vmHwm)}), heap ${mib(upload.heapUsed)}, ${result.seconds.toFixed(1)} s`);
			rows.push([
				parallel,
				`${partSizeMb} MB`,
				mib(result.idle.rss),
				mib(upload.rss),
				mib(result.outsidePeakRss),
				mib(result.vmHwm),
				`${mib(result.idle.heapUsed)} → ${mib(upload.heapUsed)}`,
				mib(upload.external),
				ratio(upload.rss, result.fileBytes),
				ratio(upload.rss, result.idle.rss),
				`${mib(upload.rss - result.idle.rss)}`,
				`${result.seconds.toFixed(1)} s`,
			]);
		}
		writeSection(
			'uploadMemory',
			`## File → Upload of 1 GB in parts: memory of the uploading process

\`npm run bench uploadMemory\` (bench/uploadMemory.bench.ts). ${machineLine()}

A sparse 1 GiB file (1,073,741,824 bytes) in a temp folder becomes one item's binary in n8n's **filesystem**
binary data mode (stored as a stream, through n8n's own helper), and File → Upload (purpose Assistants, Upload
in Parts: Auto, i.e. in parts above 512 MB) sends it through the Uploads API with the Parallel Parts and Part
Size (MB) options of each row. The upload runs in its own process
(bench/uploadMemoryWorker.ts), the fake OpenAI API in another (it keeps every part: its memory does not count).
The process samples its own memory every 10 ms while the node uploads; "outside" is its VmRSS read from /proc
every 20 ms by the parent; VmHWM is the kernel's high-water mark for the whole process life (n8n storing the
file included). "Idle" is the same process after a warm-up run with a small file (n8n, the SDK and the node
loaded), after a full GC. The test harness normally keeps a copy of every request body for the tests'
assertions (n8n does not): the worker drops that copy, so the figures are n8n's and the node's. The temp file
and n8n's binary folder are deleted afterwards.

${table(
	['Parallel Parts', 'Part Size', 'RSS idle', 'RSS peak (upload)', 'RSS peak (outside)', 'VmHWM', 'Heap used idle → peak', 'External peak', 'Peak RSS / file size', 'Peak RSS / idle RSS', 'RSS growth', 'Upload time'],
	rows,
)}

The growth over idle does not depend on the file (a 600 MB file gave the same peak as 1 GB while this was
written): the parts are cut from the binary store as the upload goes, at most Parallel Parts + 1 of them in
memory, each held a few times over while it is sent (the part, the SDK's multipart copy, the request body).
It follows the part size: smaller parts, lower peak.`,
		);
	} finally {
		await fake.stop();
		rmSync(folder, { recursive: true, force: true });
	}
}
