import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FakeOpenAi } from '../../test/fake-openai';
import { startFakeOpenAi } from '../../test/fake-openai';
import { demoCredentials } from '../e2e/credentials';
import { loadExamples, missingNeeds, readPackageCatalog, type Example } from '../e2e/examples';
import { N8n, type N8nServer } from '../e2e/n8n';
import { N8nRest } from '../e2e/n8nRest';
import { EXAMPLES_DIR, REPO } from '../e2e/paths';
import { syncPackage } from './devPackage';

export interface DevEnvironmentOptions {
	/** the cached n8n install */
	home: string;
	userFolder: string;
	port: number;
	/** 0: any free port */
	fakePort: number;
	fakeLatencyMs: number;
	/** n8n reloads the package when its files change (N8N_DEV_RELOAD) */
	hotReload: boolean;
	log: (message: string) => void;
}

export interface DevEnvironment {
	fake: FakeOpenAi;
	server: N8nServer;
	rest: N8nRest;
	/** the examples imported (those whose operations exist in this build) */
	examples: Example[];
	stop(): Promise<void>;
}

/**
 * A local n8n with this package (the repository's dist/ as an installed community package), the fake
 * OpenAI API, both demo credentials pointing at it, the examples imported, and an owner account.
 */
export async function startDevEnvironment(options: DevEnvironmentOptions): Promise<DevEnvironment> {
	const { home, userFolder, log } = options;
	const fake = await startFakeOpenAi({ port: options.fakePort, latencyMs: options.fakeLatencyMs });
	log(`fake OpenAI API at ${fake.url} (${options.fakeLatencyMs} ms latency)`);
	let server: N8nServer | undefined;
	try {
		const n8n = new N8n(home, userFolder);
		syncPackage(REPO, userFolder);
		const catalog = readPackageCatalog(REPO);
		const examples = loadExamples(EXAMPLES_DIR).filter((example) => missingNeeds(example, catalog).length === 0);
		const folder = join(userFolder, 'examples.import');
		mkdirSync(folder, { recursive: true });
		for (const example of examples) writeFileSync(join(folder, `${example.name}.json`), JSON.stringify(example.workflow));
		log(`importing the demo credentials and ${examples.length} example workflow(s)`);
		await n8n.importCredentials(demoCredentials(fake.url));
		if (examples.length > 0) await n8n.importWorkflows(folder);
		log(`starting n8n on http://127.0.0.1:${options.port} (log: ${join(userFolder, 'n8n.log')})`);
		server = await n8n.start(options.port, join(userFolder, 'n8n.log'), options.hotReload ? { N8N_DEV_RELOAD: 'true' } : {});
		const rest = new N8nRest(server.url, home);
		await rest.signIn();
		const running = server;
		return {
			fake,
			server: running,
			rest,
			examples,
			stop: async () => {
				await running.stop();
				await fake.stop();
			},
		};
	} catch (error) {
		await server?.stop();
		await fake.stop();
		throw error;
	}
}
