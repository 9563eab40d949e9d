/**
 * A streamed request body that n8n's HTTP client (axios) sends chunk by chunk instead of collecting.
 *
 * Axios streams any object with a `pipe` function (`data.pipe(request)`, or through Node's
 * `stream.pipeline`, which treats such an object as a classic stream: `pipe(destination, { end })`,
 * 'end'/'error'/'close' events, `destroy(error)`). The SDK hands over a web `ReadableStream`, which
 * axios's Node adapter refuses, so this wraps it without `node:stream`: it reads one chunk, writes it,
 * and waits for 'drain' whenever the destination is full, so at most a chunk or two is in memory.
 */
/** Any event listener (Node's streams pass different arguments per event). */
type Listener = (...args: never[]) => void;

/** A Node writable (the request, or a transform in front of it), seen structurally. */
export interface PipeDestination {
	write(chunk: Uint8Array): boolean;
	end(): unknown;
	once(event: string, listener: Listener): unknown;
	removeListener(event: string, listener: Listener): unknown;
	destroy?(error?: Error): unknown;
	destroyed?: boolean;
}

type Chunk = Uint8Array | string;
export type StreamedBodySource = ReadableStream<Chunk> | AsyncIterable<Chunk>;

interface SourceReader {
	read(): Promise<IteratorResult<Chunk>>;
	cancel(reason: unknown): void;
}

export class PipeableBody {
	/** The classic-stream flags Node's stream utilities read (`readable` also makes n8n see a non-empty body). */
	readable = true;

	destroyed = false;

	readonly #source: StreamedBodySource;

	readonly #signal: AbortSignal | undefined;

	readonly #listeners = new Map<string, Listener[]>();

	#reader: SourceReader | undefined;

	#piped = false;

	#closed = false;

	/** Ends a wait for 'drain' when the body is destroyed meanwhile. */
	#stopWaiting: (() => void) | undefined;

	readonly #onAbort = () => this.destroy(abortErrorOf(this.#signal));

	constructor(source: StreamedBodySource, signal?: AbortSignal) {
		this.#source = source;
		this.#signal = signal;
		signal?.addEventListener('abort', this.#onAbort, { once: true });
	}

	on(event: string, listener: Listener): this {
		const listeners = this.#listeners.get(event) ?? [];
		listeners.push(listener);
		this.#listeners.set(event, listeners);
		return this;
	}

	addListener(event: string, listener: Listener): this {
		return this.on(event, listener);
	}

	once(event: string, listener: Listener): this {
		const wrapper: Listener & { listener?: Listener } = (...args) => {
			this.removeListener(event, wrapper);
			(listener as (...args: unknown[]) => void)(...args);
		};
		wrapper.listener = listener;
		return this.on(event, wrapper);
	}

	removeListener(event: string, listener: Listener): this {
		const listeners = this.#listeners.get(event);
		if (!listeners) return this;
		const index = listeners.findIndex((candidate) => candidate === listener || (candidate as { listener?: Listener }).listener === listener);
		if (index !== -1) listeners.splice(index, 1);
		return this;
	}

	off(event: string, listener: Listener): this {
		return this.removeListener(event, listener);
	}

	listenerCount(event: string): number {
		return this.#listeners.get(event)?.length ?? 0;
	}

	emit(event: string, ...args: unknown[]): boolean {
		const listeners = this.#listeners.get(event);
		if (!listeners?.length) return false;
		for (const listener of [...listeners]) (listener as (...args: unknown[]) => void)(...args);
		return true;
	}

	/** Sends the body into `destination` (once); ends it unless `{ end: false }`, as Node's `pipe` does. */
	pipe<T extends PipeDestination>(destination: T, options: { end?: boolean } = {}): T {
		if (this.#piped || this.destroyed) {
			// a body is sent once: fail this destination rather than send it nothing or a part
			const error = new Error(
				this.destroyed ? 'The streamed request body was closed before it was sent' : 'The streamed request body is already being sent; it cannot be sent twice',
			);
			void Promise.resolve().then(() => destination.destroy?.(error));
			return destination;
		}
		this.#piped = true;
		void this.#pump(destination, options.end !== false);
		return destination;
	}

	/** Stops reading, releases the source, emits 'error' (when given one) and 'close'. No-op once sent. */
	destroy(error?: Error): this {
		if (this.destroyed || this.#closed) return this;
		this.destroyed = true;
		this.readable = false;
		this.#signal?.removeEventListener('abort', this.#onAbort);
		this.#cancelSource(error);
		this.#stopWaiting?.();
		// Like Node, after the current call stack: callers (pipeline's cleanup) do not expect re-entry.
		void Promise.resolve().then(() => {
			if (error) this.emit('error', error);
			this.#close();
		});
		return this;
	}

	async #pump(destination: PipeDestination, end: boolean): Promise<void> {
		const reader = this.#openReader();
		try {
			while (!this.destroyed) {
				const { done, value } = await reader.read();
				if (this.destroyed) return;
				if (done) break;
				const chunk = typeof value === 'string' ? Buffer.from(value) : value;
				if (chunk.byteLength === 0) continue;
				if (destination.destroyed) {
					this.destroy();
					return;
				}
				if (!destination.write(chunk) && !(await this.#drained(destination))) {
					this.destroy();
					return;
				}
			}
		} catch (error) {
			this.destroy(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		if (this.destroyed) return;
		this.readable = false;
		this.#signal?.removeEventListener('abort', this.#onAbort);
		this.emit('end');
		if (end) destination.end();
		this.#close();
	}

	#openReader(): SourceReader {
		if (this.#reader) return this.#reader;
		const source = this.#source;
		if (source instanceof ReadableStream) {
			const reader = (source as ReadableStream<Chunk>).getReader();
			this.#reader = {
				read: async () => (await reader.read()) as IteratorResult<Chunk>,
				cancel: (reason) => reader.cancel(reason).catch(() => {}),
			};
		} else {
			const iterator = source[Symbol.asyncIterator]();
			this.#reader = {
				read: async () => await iterator.next(),
				cancel: () => void iterator.return?.().catch(() => {}),
			};
		}
		return this.#reader;
	}

	#cancelSource(reason: unknown): void {
		if (this.#reader) {
			this.#reader.cancel(reason);
		} else if (this.#source instanceof ReadableStream && !this.#source.locked) {
			this.#source.cancel(reason).catch(() => {});
		}
	}

	/** Resolves true on 'drain'; false when the destination closes or fails first, or the body is destroyed. */
	async #drained(destination: PipeDestination): Promise<boolean> {
		return await new Promise<boolean>((resolve) => {
			const settle = (result: boolean) => () => {
				destination.removeListener('drain', onDrain);
				destination.removeListener('close', onClose);
				destination.removeListener('error', onClose);
				this.#stopWaiting = undefined;
				resolve(result);
			};
			const onDrain = settle(true);
			const onClose = settle(false);
			destination.once('drain', onDrain);
			destination.once('close', onClose);
			destination.once('error', onClose);
			this.#stopWaiting = onClose;
		});
	}

	#close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.emit('close');
	}
}

function abortErrorOf(signal: AbortSignal | undefined): Error {
	const error = new Error('The request was aborted');
	error.name = 'AbortError';
	if (signal) Object.defineProperty(error, 'cause', { value: signal.reason, configurable: true });
	return error;
}
