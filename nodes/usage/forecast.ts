import { SCALE, fromScaled, toScaled } from './decimal';

/**
 * Cost → Forecast Month, as plain arithmetic on daily cost rows: month-to-date (complete UTC days),
 * today's provisional amount (shown, never used), a daily rate — the mean of the last N complete
 * days, days without costs counting as 0 — and the projection to the month's end:
 * month-to-date + rate × days left (today included). Money is decimal text: sums are exact, the rate
 * and everything derived from it are rounded to cents (half up). Nothing beyond the stated method.
 */
export const DAY = 86_400;
const CENT = SCALE / 100n;

export interface CostDay {
	/** The UTC day's start (Unix seconds) of the 1d bucket. */
	bucketStart: number;
	/** The group (project ID or line item), or null when not grouped or the API gave none. */
	group: string | null;
	/** Decimal text or a number, as the costs endpoint gave it. */
	amount: unknown;
}

export interface ForecastInput {
	nowSec: number;
	/** N: the rate is the mean of the last N complete days (they may reach into the previous month). */
	rateDays: number;
	rows: readonly CostDay[];
	/** The budget for the month, as decimal text, and where it came from. */
	budget?: { amount: string; source: string };
}

export interface ForecastFigures {
	monthToDate: string;
	todaySoFar: string;
	dailyRate: string;
	projectedMonthTotal: string;
}

export interface BudgetCheck {
	amount: string;
	source: string;
	/** projected − budget (negative: headroom left at month end). */
	projectedOverBy: string;
	status: 'reached' | 'projected to exceed' | 'within';
	/** The UTC day (YYYY-MM-DD) on which spend reaches the budget at the daily rate; null if not this month. */
	runsOutOn: string | null;
}

export interface Forecast extends ForecastFigures {
	month: string;
	asOf: string;
	method: string;
	rateWindow: { from: string; to: string; days: number };
	daysInMonth: number;
	completeDays: number;
	/** Days the projection adds at the daily rate: today and the days after it. */
	projectedDays: number;
	budget: BudgetCheck | null;
	groups: Array<ForecastFigures & { group: string | null }>;
}

/** The first second of the rate window: the read must start here or at the month's start, whichever is earlier. */
export function forecastReadStart(nowSec: number, rateDays: number): number {
	const { monthStart, todayStart } = calendar(nowSec);
	return Math.min(monthStart, todayStart - rateDays * DAY);
}

export function forecastMonth(input: ForecastInput): Forecast {
	if (!Number.isInteger(input.rateDays) || input.rateDays < 1) throw new RangeError('rateDays must be a whole number of at least 1');
	const { monthStart, monthEnd, todayStart } = calendar(input.nowSec);
	const rateStart = todayStart - input.rateDays * DAY;
	const projectedDays = (monthEnd - todayStart) / DAY;
	const figures = (rows: readonly CostDay[]): ForecastFigures & Totals => {
		const days = new Map<number, bigint>();
		let mtd = 0n;
		let today = 0n;
		let window = 0n;
		for (const row of rows) {
			const amount = toScaled(row.amount);
			if (amount === null) throw new RangeError(`A cost amount is not a number: ${JSON.stringify(row.amount)?.slice(0, 40)}`);
			if (row.bucketStart >= todayStart) today += amount;
			else if (row.bucketStart >= monthStart) {
				mtd += amount;
				days.set(row.bucketStart, (days.get(row.bucketStart) ?? 0n) + amount);
			}
			if (row.bucketStart >= rateStart && row.bucketStart < todayStart) window += amount;
		}
		const rate = roundToCent(divide(window, BigInt(input.rateDays)));
		const projected = mtd + rate * BigInt(projectedDays);
		return { mtd, rate, projected, days, monthToDate: fromScaled(mtd), todaySoFar: fromScaled(today), dailyRate: money(rate), projectedMonthTotal: money(roundToCent(projected)) };
	};
	const total = figures(input.rows);
	const groupNames = [...new Set(input.rows.map((row) => row.group))].sort((a, b) => String(a).localeCompare(String(b)));
	const groups = groupNames.map((group) => {
		const { monthToDate, todaySoFar, dailyRate, projectedMonthTotal } = figures(input.rows.filter((row) => row.group === group));
		return { group, monthToDate, todaySoFar, dailyRate, projectedMonthTotal };
	});
	return {
		month: isoDay(monthStart).slice(0, 7),
		asOf: new Date(input.nowSec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		method:
			`Daily rate: the mean of the last ${input.rateDays} complete UTC day${input.rateDays === 1 ? '' : 's'} (${isoDay(rateStart)} to ${isoDay(todayStart - DAY)}), ` +
			`days without costs counting as 0, rounded to cents; today's provisional bucket is excluded. ` +
			`Projection: month-to-date (complete days) + daily rate × ${projectedDays} day${projectedDays === 1 ? '' : 's'} (today to the month's end).`,
		rateWindow: { from: isoDay(rateStart), to: isoDay(todayStart - DAY), days: input.rateDays },
		daysInMonth: (monthEnd - monthStart) / DAY,
		completeDays: (todayStart - monthStart) / DAY,
		projectedDays,
		monthToDate: total.monthToDate,
		todaySoFar: total.todaySoFar,
		dailyRate: total.dailyRate,
		projectedMonthTotal: total.projectedMonthTotal,
		budget: input.budget ? checkBudget(input.budget, total, todayStart, monthEnd) : null,
		groups,
	};
}

interface Totals {
	mtd: bigint;
	rate: bigint;
	projected: bigint;
	/** Complete days of the month: day start → amount. */
	days: Map<number, bigint>;
}

function checkBudget(budget: { amount: string; source: string }, total: Totals, todayStart: number, monthEnd: number): BudgetCheck {
	const amount = toScaled(budget.amount);
	if (amount === null || amount < 0n) throw new RangeError(`The budget is not a non-negative amount: ${budget.amount.slice(0, 40)}`);
	const overBy = money(roundToCent(total.projected - amount));
	if (total.mtd >= amount) {
		return { amount: budget.amount, source: budget.source, projectedOverBy: overBy, status: 'reached', runsOutOn: dayReached(total.days, amount) };
	}
	let runsOutOn: string | null = null;
	if (total.rate > 0n) {
		const daysNeeded = ceilDivide(amount - total.mtd, total.rate);
		const day = todayStart + Number(daysNeeded - 1n) * DAY;
		if (day < monthEnd) runsOutOn = isoDay(day);
	}
	return {
		amount: budget.amount,
		source: budget.source,
		projectedOverBy: overBy,
		status: total.projected > amount ? 'projected to exceed' : 'within',
		runsOutOn,
	};
}

/** The first complete day by whose end the month's spend had reached `amount`. */
function dayReached(days: Map<number, bigint>, amount: bigint): string | null {
	let sum = 0n;
	for (const day of [...days.keys()].sort((a, b) => a - b)) {
		sum += days.get(day) ?? 0n;
		if (sum >= amount) return isoDay(day);
	}
	return null;
}

function calendar(nowSec: number): { monthStart: number; monthEnd: number; todayStart: number } {
	const now = new Date(nowSec * 1000);
	const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
	const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000;
	return { monthStart, monthEnd, todayStart: Math.floor(nowSec / DAY) * DAY };
}

function isoDay(sec: number): string {
	return new Date(sec * 1000).toISOString().slice(0, 10);
}

/** a / n, rounded half away from zero at the scale's last digit. */
function divide(a: bigint, n: bigint): bigint {
	const negative = a < 0n;
	const magnitude = negative ? -a : a;
	const quotient = (magnitude * 2n + n) / (2n * n);
	return negative ? -quotient : quotient;
}

function ceilDivide(a: bigint, b: bigint): bigint {
	return (a + b - 1n) / b;
}

function roundToCent(scaled: bigint): bigint {
	return divide(scaled, CENT) * CENT;
}

/** A scaled amount already rounded to cents as text with 2 decimals ("12.30"). */
function money(scaled: bigint): string {
	const cents = scaled / CENT;
	const negative = cents < 0n;
	const magnitude = negative ? -cents : cents;
	return `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
