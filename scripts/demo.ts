/**
 * `npm run demo`: runs examples/demo-models.workflow.json through n8n's own engine (n8n-core's
 * WorkflowExecute, in-process) and prints what each node produced.
 * - Without OPENAI_API_KEY: against the embedded fake OpenAI API (no account, no network).
 * - With OPENAI_API_KEY (and optional OPENAI_BASE_URL): against the real API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FakeOpenAi } from '../test/fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../test/fake-openai';
import { runWorkflow } from '../test/harness';
import type { WorkflowJson } from '../test/harness';

const WORKFLOW = join(__dirname, '..', '..', 'examples', 'demo-models.workflow.json');

async function main(): Promise<number> {
	const realKey = process.env.OPENAI_API_KEY?.trim();
	let fake: FakeOpenAi | undefined;
	let credential: { apiKey: string; url: string };
	if (realKey) {
		credential = { apiKey: realKey, url: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' };
		console.log(`Running against ${credential.url} with OPENAI_API_KEY.`);
	} else {
		fake = await startFakeOpenAi({ latencyMs: 20 });
		credential = { apiKey: FAKE_KEYS.project, url: fake.url };
		console.log(`Running against the embedded fake OpenAI API at ${fake.url} (set OPENAI_API_KEY for the real one).`);
	}
	try {
		const workflow = JSON.parse(readFileSync(WORKFLOW, 'utf8')) as WorkflowJson;
		console.log(`Workflow: ${workflow.name}\n`);
		const run = await runWorkflow(workflow, { credentials: { openAiPlatformApi: credential } });
		for (const name of run.executedNodes()) {
			const items = run.output(name);
			console.log(`▶ ${name}: ${items.length} item(s)`);
			for (const item of items.slice(0, 10)) console.log(`   ${JSON.stringify(item.json)}`);
			if (items.length > 10) console.log(`   … ${items.length - 10} more`);
		}
		console.log(`\nExecution ${run.status} in ${Math.round(run.durationMs)} ms.`);
		if (run.status !== 'success') {
			console.error(`Error: ${run.error?.message}\n${run.error?.description ?? ''}`);
			return 1;
		}
		return 0;
	} finally {
		await fake?.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
