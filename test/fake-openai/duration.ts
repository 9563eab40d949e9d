/**
 * Formats a duration like Go's time.Duration.String(), which is what OpenAI sends in
 * `x-ratelimit-reset-*` headers and rate-limit messages: "0s", "120ms", "1s", "8.64s", "6m0s", "1h0m0s".
 * Sub-second values are rounded up to whole milliseconds.
 */
export function formatDuration(ms: number): string {
	if (!(ms > 0)) return '0s';
	if (ms < 1000) return `${Math.ceil(ms)}ms`;
	const totalMs = Math.round(ms);
	const hours = Math.floor(totalMs / 3_600_000);
	const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
	const secondsMs = totalMs % 60_000;
	const seconds = trimDecimals((secondsMs / 1000).toFixed(3));
	if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
	if (minutes > 0) return `${minutes}m${seconds}s`;
	return `${seconds}s`;
}

function trimDecimals(text: string): string {
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
