/**
 * `npm run demo`: what this package is for, in n8n's own engine (n8n-core's WorkflowExecute,
 * in-process, through test/harness), in under a minute:
 * 1. many chat items through the OpenAI Platform node, one at a time vs the node's default
 *    concurrency, measured in this run (scripts/demo/chatItems.ts);
 * 2. the OpenAI Usage Trigger: a closed bucket's rows once, then only their revisions
 *    (scripts/demo/usagePolls.ts).
 * Without OPENAI_API_KEY everything runs against the embedded fake OpenAI API (no account, no
 * network). With OPENAI_API_KEY (and optional OPENAI_BASE_URL, OPENAI_DEMO_MODEL) part 1 runs against
 * the real API with a few items; part 2 always uses the fake, whose clock the demo moves.
 */
import { FAKE_KEYS, startFakeOpenAi } from '../test/fake-openai';
import { runChatPass, tickets, type ChatTarget } from './demo/chatItems';
import { printChat, printUsage } from './demo/report';
import { runUsagePolls } from './demo/usagePolls';

const FAKE_ITEMS = 500;
const REAL_ITEMS = 10;
const FAKE_LATENCY_MS = 50;

async function main(): Promise<number> {
	const started = Date.now();
	const fake = await startFakeOpenAi({ latencyMs: FAKE_LATENCY_MS });
	try {
		const realKey = process.env.OPENAI_API_KEY?.trim();
		const target: ChatTarget = realKey
			? { credential: { apiKey: realKey, url: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' }, model: process.env.OPENAI_DEMO_MODEL ?? 'gpt-4o-mini' }
			: { credential: { apiKey: FAKE_KEYS.project, url: fake.url }, model: 'gpt-4o-mini', fake };
		const inputs = tickets(realKey ? REAL_ITEMS : FAKE_ITEMS);

		console.log('n8n-nodes-openai-platform demo: workflows run in-process by n8n-core 2.41 (WorkflowExecute)\n');
		console.log(`1) ${inputs.length} support tickets → OpenAI Platform (Chat → Message a Model, ${target.model})`);
		console.log(
			realKey
				? `   against ${target.credential.url} with your OPENAI_API_KEY (a real API, not the fake): ${REAL_ITEMS} items only, to keep the cost tiny`
				: `   against the embedded fake OpenAI API at ${fake.url}, which answers each request after ${FAKE_LATENCY_MS} ms (set OPENAI_API_KEY for the real API)`,
		);
		console.log("   First this node with Concurrency 1, which sends the way n8n's built-in OpenAI node does, one request at a time");
		console.log('   (the built-in node itself, side by side in a real n8n: docs/BENCHMARKS.md); then the same items at its default concurrency.');
		await runChatPass(target, tickets(3), 'default'); // warm-up (module loading, JIT), not reported
		const oneByOne = await runChatPass(target, inputs, 1);
		const ours = await runChatPass(target, inputs, 'default');
		printChat(inputs, oneByOne, ours);

		console.log('\n2) OpenAI Usage Trigger (completions usage, 1-hour buckets, by project and model), activated in n8n');
		console.log("   always against the fake Admin API: its clock is moved, and its buckets keep growing for 15 minutes after they close, as OpenAI's do");
		printUsage(await runUsagePolls(fake));

		console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Next: npm test, npm run dev (a real n8n with this package), examples/.`);
		return 0;
	} finally {
		await fake.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
