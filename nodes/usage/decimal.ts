/**
 * Exact money arithmetic for cost amounts. OpenAI sends `amount.value` as a JSON number or as a
 * string with up to 28 decimals ("0.1739150000000000000000000000"); amounts are compared and
 * subtracted as scaled integers so a revision's delta is exact, and shown as numbers for convenience.
 */
const SCALE_DIGITS = 28;
export const SCALE = 10n ** BigInt(SCALE_DIGITS);
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** The canonical decimal text of a number or numeric string ("0.06", "-12.5", "0"), or null. */
export function canonicalDecimal(value: unknown): string | null {
	const scaled = toScaled(value);
	return scaled === null ? null : fromScaled(scaled);
}

/** a − b as canonical decimal text; null when either is not a number. */
export function subtractDecimals(a: unknown, b: unknown): string | null {
	const x = toScaled(a);
	const y = toScaled(b);
	return x === null || y === null ? null : fromScaled(x - y);
}

/** Sum of decimals as canonical text (nulls are skipped). */
export function sumDecimals(values: readonly unknown[]): string {
	let total = 0n;
	for (const value of values) total += toScaled(value) ?? 0n;
	return fromScaled(total);
}

/** A decimal as an integer scaled by 10^28 (null when not a number); `fromScaled` is the reverse. */
export function toScaled(value: unknown): bigint | null {
	if (typeof value === 'bigint') return value * SCALE;
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		text = plainNumberText(value);
	} else if (typeof value === 'string') {
		text = value.trim();
		if (/e/i.test(text)) {
			const parsed = Number(text);
			if (!Number.isFinite(parsed)) return null;
			text = plainNumberText(parsed);
		}
	} else {
		return null;
	}
	const match = DECIMAL.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
	const whole = BigInt(match[2] || '0');
	const fraction = (match[3] ?? '').slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0');
	const magnitude = whole * SCALE + BigInt(fraction || '0');
	return match[1] === '-' ? -magnitude : magnitude;
}

export function fromScaled(scaled: bigint): string {
	const negative = scaled < 0n;
	const magnitude = negative ? -scaled : scaled;
	const whole = magnitude / SCALE;
	const fraction = (magnitude % SCALE).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
	const text = fraction ? `${whole}.${fraction}` : `${whole}`;
	return negative && text !== '0' ? `-${text}` : text;
}

/** A number's shortest round-trip text without exponent (1e-7 → "0.0000001"). */
function plainNumberText(value: number): string {
	const text = String(value);
	const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
	if (!match) return text;
	const [, sign, intPart, fracPart = '', exponentText] = match;
	const digits = intPart + fracPart;
	const point = intPart.length + Number(exponentText);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
