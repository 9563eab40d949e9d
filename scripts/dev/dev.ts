/**
 * `npm run dev` (scripts/dev/dev.sh → this): a local n8n at http://127.0.0.1:5678 with this package,
 * rebuilt by `tsc --watch` and hot-reloaded by n8n, the fake OpenAI API with ready-made credentials,
 * and the examples imported. Ctrl-C stops everything.
 * Env: DEV_N8N_HOME and DEV_USER_FOLDER (set by dev.sh), N8N_PORT (5678), FAKE_OPENAI_PORT (8787),
 * FAKE_OPENAI_LATENCY_MS (20).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { DEMO_CREDENTIALS } from '../e2e/credentials';
import { DEMO_OWNER } from '../e2e/n8nRest';
import { REPO } from '../e2e/paths';
import { stopChildrenOnSignal, track } from '../e2e/process';
import { watchDist } from './devPackage';
import { startDevEnvironment } from './environment';

const log = (message: string): void => console.log(`[dev] ${message}`);

async function main(): Promise<void> {
	const home = requiredEnv('DEV_N8N_HOME');
	const userFolder = requiredEnv('DEV_USER_FOLDER');
	const port = Number(process.env.N8N_PORT ?? 5678);
	const wantedFakePort = Number(process.env.FAKE_OPENAI_PORT ?? 8787);
	const fakePort = (await portIsFree(wantedFakePort)) ? wantedFakePort : 0;
	// Ctrl-C at any moment, even while n8n is still starting, stops every child we started.
	let cleanup = async (): Promise<void> => {};
	stopChildrenOnSignal(async () => await cleanup());
	const env = await startDevEnvironment({
		home,
		userFolder,
		port,
		fakePort,
		fakeLatencyMs: Number(process.env.FAKE_OPENAI_LATENCY_MS ?? 20),
		hotReload: true,
		log,
	});
	const tsc = track(
		spawn(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput'], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	const prefix = (chunk: Buffer): void => {
		for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`[tsc] ${line}`);
	};
	tsc.stdout?.on('data', prefix);
	tsc.stderr?.on('data', prefix);
	const stopWatching = watchDist(REPO, userFolder, () => log('dist/ changed: copied into n8n, which reloads the nodes'));
	cleanup = async () => {
		stopWatching();
		await env.stop();
		log('stopped');
	};

	console.log(`
  n8n:        ${env.server.url}   (sign in: ${DEMO_OWNER.email} / ${DEMO_OWNER.password})
  fake API:   ${env.fake.url}   (control: ${env.fake.origin}/_fake/requests)
  credentials ${Object.values(DEMO_CREDENTIALS).map((c) => `"${c.name}"`).join(', ')} point at the fake
  examples:   ${env.examples.map((e) => e.name).join(', ') || 'none'}
  Edit nodes/ or credentials/: tsc rebuilds dist/, n8n reloads the package (refresh the editor page).
  Ctrl-C stops n8n, the fake and tsc.
`);
}

function requiredEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: start this with npm run dev`);
	return value;
}

async function portIsFree(port: number): Promise<boolean> {
	const { createServer } = await import('node:net');
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
