import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { LogMetadata } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Receives every log line while at least one capture is open. */
const openCaptures = new Set<string[]>();

/**
 * Mirrors how n8n's own logger (`@n8n/backend-common` Logger.log) serialises metadata:
 * top-level Error values become `{ name, message, stack, cause }`, everything else is written as is.
 * Debug lines are kept too (n8n's default level is `info`), so assertions are stricter than production.
 */
function serializeError(error: Error, seen: Set<unknown>): unknown {
	let cause: unknown;
	if (error.cause !== undefined && !seen.has(error.cause)) {
		seen.add(error.cause);
		cause = error.cause instanceof Error ? serializeError(error.cause, seen) : String(error.cause);
	}
	return { name: error.name, message: error.message, stack: error.stack, cause };
}

function stringifyMetadata(metadata: LogMetadata | undefined): string {
	if (metadata === undefined) return '';
	const serialized: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(metadata)) {
		serialized[key] = value instanceof Error ? serializeError(value, new Set()) : value;
	}
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(serialized, (_key, value: unknown) => {
			if (typeof value === 'bigint') return value.toString();
			if (typeof value === 'object' && value !== null) {
				if (seen.has(value)) return '[Circular]';
				seen.add(value);
			}
			return value;
		});
	} catch {
		return '[unserializable metadata]';
	}
}

function record(level: LogLevel, scopes: string[], message: string, metadata?: LogMetadata) {
	if (openCaptures.size === 0) return;
	const scope = scopes.length > 0 ? `[${scopes.join(',')}] ` : '';
	const meta = stringifyMetadata(metadata);
	const line = `${level}: ${scope}${message}${meta && meta !== '{}' ? ` ${meta}` : ''}`;
	for (const logs of openCaptures) logs.push(line);
}

/**
 * Stands in for both n8n loggers: `LoggerProxy` (used by n8n-core/n8n-workflow internals) and the DI
 * `Logger` from `@n8n/backend-common` (what nodes get as `this.logger`, and what n8n-core services use).
 */
class CapturingLogger {
	constructor(private readonly scopes: string[] = []) {}

	error(message: string, metadata?: LogMetadata) {
		record('error', this.scopes, message, metadata);
	}

	warn(message: string, metadata?: LogMetadata) {
		record('warn', this.scopes, message, metadata);
	}

	info(message: string, metadata?: LogMetadata) {
		record('info', this.scopes, message, metadata);
	}

	debug(message: string, metadata?: LogMetadata) {
		record('debug', this.scopes, message, metadata);
	}

	scoped(scopes: string | string[]) {
		return new CapturingLogger([...this.scopes, ...(Array.isArray(scopes) ? scopes : [scopes])]);
	}
}

const rootLogger = new CapturingLogger();

function installCapturingLogger() {
	Container.set(Logger, rootLogger as unknown as Logger);
	LoggerProxy.init(rootLogger);
}

installCapturingLogger();

export interface LogCapture {
	logs: string[];
	stop(): void;
}

/** Collects every line logged until `stop()`; several captures may be open at once (each sees all lines). */
export function startLogCapture(): LogCapture {
	// Re-install in case something initialised n8n's real logger after this module loaded.
	installCapturingLogger();
	const logs: string[] = [];
	openCaptures.add(logs);
	return {
		logs,
		stop: () => {
			openCaptures.delete(logs);
		},
	};
}
