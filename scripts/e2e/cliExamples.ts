import type { FakeOpenAi } from '../../test/fake-openai';
import { needsPostgres, unknownCredentialRefs } from './credentials';
import { missingNeeds, type Example, type ExampleWorkflow, type PackageCatalog } from './examples';
import { e2eVariants, expectations, fakeSetup, pendingExamples } from './expectations/index';
import { binaryBytes, tail, type N8n, type N8nBinary } from './n8n';
import type { Report } from './report';
import { RunView } from './runView';
import { isUsageTriggerExample, withFastPolling } from './usageTriggerWorkflow';
import { isWebhookTriggerExample } from './webhookTrigger';

export interface PlannedExample {
	example: Example;
	/** the workflow as it is imported (trigger examples poll every 5 s) */
	workflow: ExampleWorkflow;
}

export interface ExamplePlan {
	importable: PlannedExample[];
	/** run with `n8n execute` (they start with a Manual Trigger) */
	cli: PlannedExample[];
	/** published and run by `n8n start` (they start with the OpenAI Usage Trigger) */
	server: PlannedExample[];
	/** published, then called through n8n's webhook URL inside `n8n start` (they start with the OpenAI Webhook Trigger) */
	webhook: PlannedExample[];
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** Sorts the examples into CLI runs and server runs; skips those whose operations have not landed. */
export function planExamples(examples: Example[], catalog: PackageCatalog, report: Report, { postgres = false } = {}): ExamplePlan {
	const plan: ExamplePlan = { importable: [], cli: [], server: [], webhook: [] };
	for (const example of examples) {
		const label = `example ${example.name}`;
		const pending = pendingExamples[example.name];
		if (pending && process.env.E2E_RUN_PENDING !== '1') {
			report.skip(label, `SKIPPED (pending: ${pending})`);
			continue;
		}
		if (!postgres && needsPostgres(example.workflow.nodes)) {
			report.skip(label, 'SKIPPED (writes to PostgreSQL: npm run test:e2e:queue runs it)');
			continue;
		}
		const missing = missingNeeds(example, catalog);
		if (missing.length > 0) {
			report.skip(label, `SKIPPED (needs ${missing.join(', ')}: not in this package yet)`);
			continue;
		}
		const problems = [...unknownCredentialRefs(example.workflow.nodes)];
		if (!example.workflow.id) problems.push('the workflow has no "id" (n8n execute --id needs one)');
		const manual = example.workflow.nodes.some((n) => n.type === MANUAL_TRIGGER);
		const trigger = isUsageTriggerExample(example.workflow);
		const webhook = isWebhookTriggerExample(example.workflow);
		if (!manual && !trigger && !webhook) problems.push('it starts with neither a Manual Trigger nor the OpenAI Usage or Webhook Trigger');
		if (manual && !expectations[example.name]) problems.push(`scripts/e2e/expectations.ts has no entry '${example.name}'`);
		if (problems.length > 0) {
			report.add({ name: label, outcome: 'FAIL', detail: problems.join('\n'), ms: 0 });
			continue;
		}
		const variant = e2eVariants[example.name]?.(example.workflow) ?? example.workflow;
		const planned = { example, workflow: trigger ? withFastPolling(variant) : variant };
		plan.importable.push(planned);
		if (manual) plan.cli.push(planned);
		if (trigger) plan.server.push(planned);
		if (webhook) plan.webhook.push(planned);
	}
	return plan;
}

/** Prepares the fake for an example: a clean state (and log), then the example's own setup. */
export function prepareFake(example: Example, fake: FakeOpenAi): void {
	fake.reset();
	fakeSetup[example.name]?.(fake);
}

/** The example's expectation against its finished run and what the fake received since prepareFake. */
export function checkExample(example: Example, run: RunView, fake: FakeOpenAi, bytes: (binary: N8nBinary | undefined) => Buffer): void {
	expectations[example.name]({ run, requests: [...fake.requests], fake, bytes });
}

/** `n8n execute --id … --rawOutput`, then the example's expectation against the output and the fake's log. */
export async function runCliExample(n8n: N8n, fake: FakeOpenAi, { example }: PlannedExample, report: Report): Promise<void> {
	await report.check(`example ${example.name} (n8n execute)`, async () => {
		prepareFake(example, fake);
		const result = await n8n.execute(example.workflow.id as string);
		if (!result.run) throw new Error(`n8n execute printed no result (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
		const run = new RunView(result.run);
		if (result.code !== 0 || run.status !== 'success') {
			throw new Error(`execution ${run.status ?? 'failed'} (exit ${result.code}): ${run.error ?? tail(result.stderr)}`);
		}
		checkExample(example, run, fake, (binary) => binaryBytes(n8n.userFolder, binary));
		return `${run.executedNodes.length} nodes ran, ${fake.requests.length} API request(s) in ${(result.ms / 1000).toFixed(1)} s`;
	});
}
