/**
 * One poll per trigger at a time, and never from a position older than what this process emitted.
 *
 * n8n can start a trigger's poll while the previous one still runs: the legacy scheduler's cron does
 * not wait for it, and on the durable scheduler each "Poll Times" entry is a job of its own, run at
 * the same time as the others, and a poll of a main that died is run again once its lease runs out
 * (read in n8n 2.41 and seen in the queue-mode e2e). Two polls that read the same stored position
 * would emit the same rows twice. Triggers run in the main process only (one leader in multi-main
 * setups), so what this process knows is enough:
 * - a poll that finds another one of the same trigger running emits nothing and changes nothing (the
 *   running one emits);
 * - on the durable scheduler a poll's position is read before poll() is called, and an emitting poll's
 *   position is committed just after poll() returned: a poll whose stored position is older than the
 *   last one this process emitted for the same collection read it before that commit, and is skipped.
 *   A commit n8n refused (a poll that had lost its lease) leaves the stored position old for good:
 *   after `windowMs` the stored position is believed again (the rows come again: at least once).
 * Entries are bounded by time: a running entry older than `windowMs` is not honoured either.
 */
interface TriggerPolls {
	runningSince?: number;
	lastEmit?: { collection: string; emits: number; at: number };
}

const triggers = new Map<string, TriggerPolls>();

export function startPoll(key: string, nowMs: number, windowMs: number): boolean {
	const entry = triggers.get(key) ?? {};
	if (entry.runningSince !== undefined && nowMs - entry.runningSince < windowMs) return false;
	entry.runningSince = nowMs;
	triggers.set(key, entry);
	return true;
}

export function endPoll(key: string): void {
	const entry = triggers.get(key);
	if (entry) entry.runningSince = undefined;
}

/** Whether the stored position (`emits` emissions into `collection`) is older than what this process emitted lately. */
export function isBehindLastEmit(key: string, collection: string, emits: number, nowMs: number, windowMs: number): boolean {
	const last = triggers.get(key)?.lastEmit;
	return last !== undefined && last.collection === collection && emits < last.emits && nowMs - last.at < windowMs;
}

export function rememberEmit(key: string, collection: string, emits: number, nowMs: number): void {
	const entry = triggers.get(key) ?? {};
	entry.lastEmit = { collection, emits, at: nowMs };
	triggers.set(key, entry);
}
