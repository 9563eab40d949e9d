import assert from 'node:assert/strict';

import { FAKE_KEYS } from '../../../test/fake-openai';
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
 * Examples the e2e skips for a known reason outside this package, with that reason. Delete the entry
 * when the reason is gone; `E2E_RUN_PENDING=1 npm run test:e2e -- <name>` runs one anyway.
 */
export const pendingExamples: Record<string, string> = {};
