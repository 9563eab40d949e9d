import type { IPollFunctions, TriggerTime } from 'n8n-workflow';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * The longest time between two polls the node's "Poll Times" allow (seconds), with n8n's scheduler
 * jitter (10 %) on top: n8n's durable scheduler runs the first poll at most this long after the
 * workflow was activated. Several entries: the shortest, since any of them starts a poll. A custom
 * cron is bounded coarsely from its fields (a minute, an hour, a day, else a month): an
 * over-estimate only reads a little more history, never less.
 */
export function longestPollGapSeconds(ctx: IPollFunctions): number {
	const pollTimes = ctx.getNodeParameter('pollTimes', {}) as { item?: TriggerTime[] };
	return pollGapSeconds(pollTimes.item ?? []);
}

export function pollGapSeconds(times: TriggerTime[]): number {
	const gaps = times.map(gapOf);
	const gap = gaps.length > 0 ? Math.min(...gaps) : DAY;
	return Math.ceil((gap * 11) / 10);
}

function gapOf(time: TriggerTime): number {
	switch (time.mode) {
		case 'everyMinute':
			return MINUTE;
		case 'everyHour':
			return HOUR;
		case 'everyX':
			return Math.max(1, Number(time.value) || 1) * (time.unit === 'hours' ? HOUR : MINUTE);
		case 'everyDay':
			return DAY;
		case 'everyWeek':
			return 7 * DAY;
		case 'everyMonth':
			return 31 * DAY;
		case 'custom':
			return customCronGap(time.cronExpression);
		default:
			return 31 * DAY;
	}
}

/** Cron with 5 fields (minute first) or 6 (second first). */
function customCronGap(expression: string): number {
	const fields = String(expression).trim().split(/\s+/);
	const [minute, hour, dayOfMonth, , dayOfWeek] = fields.length === 6 ? fields.slice(1) : fields;
	const every = (field: string | undefined) => field === '*' || /^\*\/\d+$/.test(field ?? '');
	const step = (field: string) => (field === '*' ? 1 : Number(field.slice(2)));
	if (dayOfMonth === '*' && dayOfWeek === '*') {
		if (hour === '*' && every(minute)) return step(minute as string) * MINUTE;
		if (hour === '*') return HOUR;
		if (every(hour)) return step(hour as string) * HOUR;
		return DAY;
	}
	return 31 * DAY;
}
