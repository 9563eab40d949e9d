import assert from 'node:assert/strict';

import { FAKE_KEYS, createSyntheticOrg, spendLimitOf } from '../../../test/fake-openai';
import type { ExampleWorkflow } from '../examples';
import { assertClose, DAY_MS, type Expectation, type TriggerExpectation } from './context';

/** Usage and cost examples run with `n8n execute`. */
export const usageExpectations: Record<string, Expectation> = {
	'cost-agent-tool': ({ run, requests }) => {
		const [answer] = run.json('Cost analyst');
		assert.equal(typeof answer?.output, 'string', 'the agent answered');
		const costCalls = requests.filter((r) => r.path === '/v1/organization/costs');
		assert.ok(costCalls.length >= 1, 'the agent called the OpenAI Usage node as a tool, which read /v1/organization/costs');
		assert.ok(costCalls.every((call) => call.authKey === FAKE_KEYS.admin), 'the tool used the admin credential');
		const chats = requests.filter((r) => r.path === '/v1/chat/completions');
		assert.ok(chats.length >= 2, 'the model was asked, called the tool, and was asked again with its result');
		const last = chats[chats.length - 1].body as { messages?: Array<{ role: string; content?: unknown }> };
		const toolMessage = last.messages?.find((m) => m.role === 'tool');
		assert.match(JSON.stringify(toolMessage?.content ?? ''), /proj_/, 'the tool result (cost rows per project) went back to the model');
	},

	'cost-spike-alert': ({ run, requests }) => {
		const rows = run.json('Costs of the last 8 days');
		assert.ok(rows.length > 0, 'the Usage node returned cost rows');
		for (const row of rows) {
			assert.equal(row.queryType, 'costs');
			assert.equal(typeof row.amount, 'number');
			assert.match(String(row.projectId), /^proj_/);
		}
		const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
		const compared = run.json('Yesterday vs the week before');
		const projects = new Set(rows.map((row) => row.projectId));
		assert.equal(compared.length, projects.size, 'one comparison per project');
		for (const result of compared) {
			const own = rows.filter((row) => row.projectId === result.projectId);
			const usd = (day: (d: string) => boolean) =>
				own.filter((row) => day(String(row.bucketStartIso).slice(0, 10))).reduce((sum, row) => sum + Number(row.amount), 0);
			assert.equal(result.day, yesterday);
			assertClose(result.yesterdayUsd, usd((d) => d === yesterday), `yesterday's cost of ${result.projectId}`);
			assertClose(result.averageUsd, usd((d) => d < yesterday) / 7, `average cost of ${result.projectId}`);
			assert.equal(result.spike, Number(result.ratio) >= Number(result.threshold));
		}
		const alerts = run.json('Spike?', 0);
		const usual = run.json('Spike?', 1);
		assert.equal(alerts.length + usual.length, compared.length, 'every project went down one branch');
		assert.ok(alerts.every((item) => item.spike === true) && usual.every((item) => item.spike === false), 'the IF node split on "spike"');
		if (alerts.length > 0) {
			for (const item of run.json('Alert: cost spike')) assert.match(String(item.alert), /^OpenAI cost spike in proj_/);
		}
		const costCalls = requests.filter((r) => r.path === '/v1/organization/costs');
		assert.ok(costCalls.length >= 1, 'the Usage node read /v1/organization/costs');
		for (const call of costCalls) {
			assert.equal(call.authKey, FAKE_KEYS.admin, 'with the admin credential');
			assert.match(JSON.stringify(call.query), /project_id/, 'grouped by project');
		}
	},
	'offboard-user': ({ run, requests, fake }) => {
		const initial = createSyntheticOrg();
		const leaver = initial.users.find((user) => user.email === 'margaret@fake-org.example');
		assert.ok(leaver, 'the fake organization has the example\'s user');
		const [plan] = run.json('Plan');
		assert.deepEqual(plan.user, { id: leaver.id, email: leaver.email, name: leaver.name, role: leaver.role }, 'the plan names the user found by email');
		assert.equal(plan.confirm, true, 'the e2e runs the example confirmed');
		const ownKeys = initial.apiKeys.filter((key) => key.ownerUserId === leaver.id);
		assert.ok(ownKeys.length > 0, 'the user owns a key in the fake');
		const planned = plan.keys as Array<{ id: string; project_id: string; owner_project_access: string }>;
		assert.deepEqual(planned.map((key) => key.id).sort(), ownKeys.map((key) => key.id).sort(), 'the plan lists exactly their keys, those of projects they lost access to included');
		const memberships = plan.memberships as Array<{ project_id: string }>;
		assert.deepEqual(memberships.map((m) => m.project_id).sort(), [...new Set(ownKeys.map((key) => key.projectId))].sort(), 'the plan lists their memberships');
		assert.equal((plan.actions as string[]).length, 1 + ownKeys.length, 'one action per key plus the removal');

		assert.equal(run.ran('Dry run: nothing changed'), false, 'confirmed: the dry-run branch did not run');
		assert.deepEqual(run.json('Remove from the organization'), [{ id: leaver.id, deleted: true }]);
		assert.deepEqual(run.json('Delete their keys').map((item) => item.id).sort(), ownKeys.map((key) => key.id).sort());

		assert.ok(!fake.org.users.some((user) => user.id === leaver.id), 'the fake no longer has the user');
		assert.equal(fake.org.users.length, initial.users.length - 1, 'nobody else was removed');
		const remaining = new Set(fake.org.apiKeys.map((key) => key.id));
		for (const key of ownKeys) assert.ok(!remaining.has(key.id), `the fake no longer has their key ${key.id}`);
		assert.equal(fake.org.apiKeys.length, initial.apiKeys.length - ownKeys.length, 'no other key was deleted');
		const writes = requests.filter((r) => r.method !== 'GET');
		assert.deepEqual(
			writes.map((r) => `${r.method} ${r.path} ${r.status}`).sort(),
			[`DELETE /v1/organization/users/${leaver.id} 200`, ...ownKeys.map((key) => `DELETE /v1/organization/projects/${key.projectId}/api_keys/${key.id} 200`)].sort(),
			'the only writes: the removal and the key deletions, each answered 200',
		);
		assert.ok(writes.every((r) => r.authKey === FAKE_KEYS.admin), 'with the admin credential');
	},
};

/**
 * What examples that start with the OpenAI Usage Trigger must produce once published in `n8n start`
 * (polling every 5 s). The phase itself already checks that no row is repeated across executions.
 */
export const triggerExpectations: Record<string, TriggerExpectation> = {
	'daily-cost-report': ({ runs, triggerName, requests }) => {
		const first = runs[0];
		const rows = first.json(triggerName);
		const days = new Set(rows.map((row) => String(row.bucketStartIso).slice(0, 10)));
		assert.ok(days.size >= 7, `the first poll backfilled the last 7 closed days (got ${[...days].join(', ')})`);
		for (const row of rows) {
			assert.equal(row.queryType, 'costs');
			assert.equal(row.changeType, 'new');
			assert.match(String(row.projectId), /^proj_/);
			assert.equal(typeof row.amount, 'number');
		}
		const totals = first.json('Totals per project');
		assert.equal(totals.length, new Set(rows.map((row) => row.projectId)).size, 'one total per project');
		for (const total of totals) {
			const sum = rows.filter((row) => row.projectId === total.projectId).reduce((acc, row) => acc + Number(row.amount), 0);
			assertClose(total.totalUsd, sum, `total of ${total.projectId}`);
		}
		const sorted = totals.map((t) => Number(t.totalUsd));
		assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), 'biggest spender first');
		const firstSeen = new Map<string, number>();
		runs.forEach((run, index) => {
			for (const row of run.json(triggerName).filter((r) => r.changeType === 'new')) {
				const key = `${String(row.bucketStart)}|${String(row.projectId)}`;
				assert.ok(!firstSeen.has(key), `day/project ${key} was emitted as new by execution ${firstSeen.get(key)} and again by ${index}`);
				firstSeen.set(key, index);
			}
			for (const row of run.json(triggerName).filter((r) => r.changeType !== 'new')) {
				assert.equal(row.changeType, 'revision', 'later rows are revisions of earlier ones');
			}
		});
		const costCalls = requests.filter((r) => r.path === '/v1/organization/costs');
		assert.ok(costCalls.length >= 3, 'the trigger polled the costs endpoint repeatedly');
		assert.ok(costCalls.every((call) => call.authKey === FAKE_KEYS.admin), 'with the admin credential');
	},
	'monthly-budget-guard': ({ runs, triggerName, requests, fake }) => {
		const first = runs[0];
		const projects = new Set(first.json(triggerName).map((row) => row.projectId).filter(Boolean));
		const forecasts = first.json('Forecast the month');
		assert.deepEqual(forecasts.map((f) => f.project_id).sort(), [...projects].sort(), 'one forecast per project with new costs');
		for (const forecast of forecasts) {
			assert.equal(forecast.level, 'project');
			const budget = forecast.budget as { amount: string; status: string };
			assert.equal(budget.amount, '500.00', 'the Code node\'s budget, as exact text');
			assert.equal(budget.status === 'within', Number(forecast.projectedMonthTotal) <= 500, `status of ${String(forecast.project_id)} agrees with its projection ${String(forecast.projectedMonthTotal)}`);
		}
		const over = forecasts.filter((f) => (f.budget as { status: string }).status !== 'within').map((f) => String(f.project_id)).sort();
		const within = forecasts.filter((f) => (f.budget as { status: string }).status === 'within').map((f) => String(f.project_id)).sort();
		assert.ok(over.length > 0, "the fake's costs put at least one project past the budget");
		assert.deepEqual(first.json('Over budget?', 0).map((f) => f.project_id).sort(), over, 'the IF node sent the projects over budget down the true branch');
		assert.deepEqual(first.json('Over budget?', 1).map((f) => f.project_id).sort(), within);
		const limits = first.json('Lower the spend limit');
		assert.deepEqual(limits.map((l) => l.project_id).sort(), over, 'a limit was set for each project over budget');
		for (const limit of limits) assert.deepEqual({ amount: limit.amount, threshold_amount: limit.threshold_amount }, { amount: '500.00', threshold_amount: 50_000 });
		for (const id of over) assert.equal(spendLimitOf(fake, id), 50_000, `the fake holds the new limit of ${id}`);
		for (const id of within) assert.equal(spendLimitOf(fake, id), undefined, `no limit was set for ${id}, which is within budget`);
		for (const alert of first.json('Alert: over budget')) assert.match(String(alert.alert), /^OpenAI project proj_\w+ is projected to spend \$\d+\.\d\d this month .*over its budget of \$500\.00/);
		const limitWrites = requests.filter((r) => r.method === 'POST' && /^\/v1\/organization\/projects\/[^/]+\/spend_limit$/.test(r.path));
		assert.ok(limitWrites.length >= over.length && limitWrites.every((r) => r.status === 200 && r.authKey === FAKE_KEYS.admin), 'each limit was set with the admin credential and answered 200');
		assert.ok(limitWrites.every((r) => over.some((id) => r.path.includes(id))), 'only projects over budget were limited');
	},
};

/**
 * The PostgreSQL sink (queue-mode e2e only; scripts/e2e/queue/sink.ts compares the table with the fake's
 * settled truth): every execution's rows are 1m completions rows, each upserted (one output per row).
 */
export const sinkExpectation: TriggerExpectation = ({ runs, triggerName }) => {
	for (const run of runs) {
		const rows = run.json(triggerName);
		for (const row of rows) {
			assert.equal(row.queryType, 'completions');
			assert.equal(row.bucketWidth, '1m');
			assert.match(String(row.rowKey), /\S/, 'every row has a rowKey');
			assert.ok(row.changeType === 'new' || row.changeType === 'revision', `changeType ${String(row.changeType)}`);
		}
		const written = run.json('Upsert on rowKey');
		assert.deepEqual(written.map((w) => w.row_key), rows.map((row) => row.rowKey), 'the Postgres node upserted every row, in order');
	}
};
triggerExpectations['usage-rows-into-postgres'] = sinkExpectation;

/**
 * Examples the e2e runs changed in one stated way (applied before import), each with its reason.
 */
export const e2eVariants: Record<string, (workflow: ExampleWorkflow) => ExampleWorkflow> = {
	// shipped as a dry run (confirm: false, the safe default); the e2e confirms, so the writes run against the fake
	'offboard-user': (workflow) => withAssignment(workflow, 'Who leaves', 'confirm', true),
};

/** A copy of the workflow whose Set node `nodeName` assigns `value` to `field`. */
export function withAssignment(workflow: ExampleWorkflow, nodeName: string, field: string, value: unknown): ExampleWorkflow {
	let found = false;
	const nodes = workflow.nodes.map((node) => {
		if (node.name !== nodeName) return node;
		const parameters = node.parameters as { assignments?: { assignments?: Array<{ name: string; value: unknown }> } } | undefined;
		const assignments = (parameters?.assignments?.assignments ?? []).map((assignment) => {
			if (assignment.name !== field) return assignment;
			found = true;
			return { ...assignment, value };
		});
		return { ...node, parameters: { ...node.parameters, assignments: { ...parameters?.assignments, assignments } } };
	});
	if (!found) throw new Error(`${workflow.name}: no Set node "${nodeName}" assigning "${field}"`);
	return { ...workflow, nodes };
}

/**
 * Examples the e2e skips for a known reason outside this package, with that reason. Delete the entry
 * when the reason is gone; `E2E_RUN_PENDING=1 npm run test:e2e -- <name>` runs one anyway.
 */
export const pendingExamples: Record<string, string> = {};
