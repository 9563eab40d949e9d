/**
 * Part 2 of `npm run demo`: the OpenAI Usage Trigger as an activated workflow in n8n's poll
 * machinery (test/harness poll session) against the fake Admin API, on the fake's clock: the fake's
 * usage buckets keep growing for 15 minutes after they close, as the real API's do. Shows the first
 * poll emitting a closed bucket's rows, the next one emitting only the revisions of those rows, and
 * a poll with nothing new emitting nothing.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FAKE_KEYS, type FakeOpenAi } from '../../test/fake-openai';
import { createPollSession } from '../../test/harness';
import { TRIGGER_NAME, triggerWorkflow } from '../../test/node/usageWorkflows';

const MINUTE = 60_000;
/** A Thursday 12:05 UTC of the fake organization's synthetic usage (a busy day). */
export const ACTIVATED_AT = Date.UTC(2026, 10, 19, 12, 5);

export interface UsagePoll {
	/** The fake's clock when n8n polled. */
	at: number;
	rows: IDataObject[];
}

export interface UsageStory {
	activation: UsagePoll;
	polls: UsagePoll[];
}

const rowsOf = (items: INodeExecutionData[][] | null): IDataObject[] => (items?.[0] ?? []).map((item) => item.json);

/** Activates the trigger, then polls at +60, +75 and +90 minutes of the fake's clock. */
export async function runUsagePolls(fake: FakeOpenAi): Promise<UsageStory> {
	fake.clock.set(ACTIVATED_AT);
	const staticData: IDataObject = {};
	const session = createPollSession(
		triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', groupBy: ['project_id', 'model'] }),
		TRIGGER_NAME,
		{ staticData, credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } }, now: () => fake.clock.now() },
	);
	const activation = { at: fake.clock.now(), rows: rowsOf((await session.activate()).items) };
	const polls: UsagePoll[] = [];
	for (const advance of [60 * MINUTE, 15 * MINUTE, 15 * MINUTE]) {
		fake.clock.advance(advance);
		polls.push({ at: fake.clock.now(), rows: rowsOf((await session.poll()).items) });
	}
	return { activation, polls };
}

export interface ExactlyOnce {
	newRows: number;
	revisions: number;
	/** Row keys emitted as new more than once (must be none). */
	repeatedNew: string[];
	/** Revisions of rows never emitted as new (must be none). */
	orphanRevisions: string[];
}

/** Checks the story: every row new once, revisions only of rows already emitted. */
export function checkExactlyOnce(story: UsageStory): ExactlyOnce {
	const seen = new Set<string>();
	const result: ExactlyOnce = { newRows: 0, revisions: 0, repeatedNew: [], orphanRevisions: [] };
	for (const poll of [story.activation, ...story.polls]) {
		for (const row of poll.rows) {
			const key = String(row.rowKey);
			if (row.changeType === 'new') {
				result.newRows++;
				if (seen.has(key)) result.repeatedNew.push(key);
				seen.add(key);
			} else {
				result.revisions++;
				if (!seen.has(key)) result.orphanRevisions.push(key);
			}
		}
	}
	return result;
}
