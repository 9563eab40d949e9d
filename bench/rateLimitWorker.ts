/**
 * One "n8n worker" of the shared-rate-limit benchmark (sharedRateLimit.bench.ts): a separate process
 * that runs the 1,000-item chat workflow through n8n's engine (the harness) against the fake at
 * FAKE_URL, and prints one JSON line with what it saw. Started twice, at once.
 */
import { FAKE_KEYS } from '../test/fake-openai/keys';
import { runWorkflow } from '../test/harness';
import { chatItemsWorkflow, CHAT_NODE } from './chatItems';

async function main(): Promise<void> {
	const url = process.env.FAKE_URL;
	const count = Number(process.env.ITEMS ?? 1000);
	if (!url) throw new Error('FAKE_URL is not set');
	const startedAt = Date.now();
	const run = await runWorkflow(chatItemsWorkflow(count), { credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url } } });
	const items = run.status === 'success' ? run.output(CHAT_NODE) : [];
	const failed = run.status === 'success' ? items.filter((item) => item.json.error !== undefined).length : count;
	console.log(JSON.stringify({ status: run.status, items: items.length, failed, startedAt, endedAt: Date.now(), error: run.error?.message }));
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
