/**
 * Dollar amounts as decimal text ↔ whole cents, without floating point: spend alerts and spend limits
 * are integers in cents on the wire, and a user writes "125.50". Plain TypeScript, no n8n.
 */
const AMOUNT = /^(\d+)(?:\.(\d{0,2}))?$/;

export type CentsReading = { cents: number } | { problem: string };

/** "125.50" → 12550 cents; a problem in words for anything that is not a non-negative amount in cents. */
export function dollarsToCents(input: unknown): CentsReading {
	let text: string;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) return { problem: 'is not a number' };
		text = String(input);
	} else if (typeof input === 'string') {
		text = input.trim().replace(/^\$/, '');
	} else {
		return { problem: 'is not a number' };
	}
	if (text === '') return { problem: 'is empty' };
	if (text.startsWith('-')) return { problem: `is negative ("${text}")` };
	if (/^\d*\.\d{3,}$/.test(text)) return { problem: `has more than 2 decimals ("${text}"): amounts are whole cents` };
	const match = AMOUNT.exec(text);
	if (!match) return { problem: `is not an amount in dollars like "125.50" ("${text.slice(0, 40)}")` };
	const cents = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
	if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: `is too large ("${text.slice(0, 40)}")` };
	return { cents: Number(cents) };
}

/** 12550 → "125.50"; -5 → "-0.05". */
export function centsToDollars(cents: number | bigint): string {
	const value = BigInt(cents);
	const negative = value < 0n;
	const magnitude = negative ? -value : value;
	return `${negative ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
