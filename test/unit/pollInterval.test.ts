import type { TriggerTime } from 'n8n-workflow';

import { pollGapSeconds } from '../../nodes/OpenAiUsageTrigger/pollInterval';

/** How far back the trigger's first durable poll reaches: the longest gap "Poll Times" allow, + 10 % jitter. */
/** A custom entry as the editor stores it (5 or 6 fields; n8n's type only spells out 6). */
const cron = (cronExpression: string) => ({ mode: 'custom', cronExpression }) as unknown as TriggerTime;

describe('pollGapSeconds', () => {
	const gap = (...times: TriggerTime[]) => pollGapSeconds(times);
	it.each<[string, TriggerTime, number]>([
		['every minute', { mode: 'everyMinute' }, 66],
		['every hour', { mode: 'everyHour', minute: 5 } as TriggerTime, 3_960],
		['every 15 minutes', { mode: 'everyX', value: 15, unit: 'minutes' } as TriggerTime, 990],
		['every 2 hours', { mode: 'everyX', value: 2, unit: 'hours' } as TriggerTime, 7_920],
		['every day', { mode: 'everyDay', hour: 3, minute: 0 } as TriggerTime, 95_040],
		['every week', { mode: 'everyWeek', hour: 3, minute: 0, weekday: 1 } as TriggerTime, 665_280],
		['cron every 5 minutes', cron('*/5 * * * *'), 330],
		['cron (6 fields) every minute', cron('0 * * * * *'), 66],
		['cron hourly at :15', cron('15 * * * *'), 3_960],
		['cron at 02:30 daily', cron('30 2 * * *'), 95_040],
		['cron on Mondays', cron('0 9 * * 1'), 2_946_240],
	])('%s', (_name, time, seconds) => {
		expect(gap(time)).toBe(seconds);
	});

	it('several entries: the shortest gap (any of them starts a poll); none: a day', () => {
		expect(gap({ mode: 'everyDay', hour: 1, minute: 0 } as TriggerTime, { mode: 'everyMinute' })).toBe(66);
		expect(gap()).toBe(95_040);
	});
});
