import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The hostile server: one HTTP server on 127.0.0.1 (random port) that answers every request with a
 * scripted status, headers and body — the answers an unlucky user or an attacker's gateway gives
 * (see answers.ts for the named catalogue). Many tests share it at once: each gets a *scenario*,
 * a path prefix of its own (`/s/<id>`), so a credential's Base URL `…/s/<id>/v1` picks the script.
 *
 * Every request is recorded (method, path, query, headers, body size and text) for leak checks.
 * Bounded: a stalled or hanging answer is released after `holdMs` at the latest, a streamed body
 * stops when the client leaves, and `close()` destroys every socket (no open handles afterwards).
 */

const HOST = '127.0.0.1';
/** The most of a request body kept as text in the record (the size is always counted). */
const MAX_RECORDED_BODY_BYTES = 256 * 1024;

export interface HostileRequest {
	scenario: string;
	/** Position of this request within its scenario, from 0. */
	index: number;
	method: string;
	/** The path after the scenario prefix, e.g. `/v1/chat/completions`. */
	path: string;
	/** The query string without `?`. */
	query: string;
	headers: IncomingHttpHeaders;
	bodySize: number;
	/** The first 256 KiB of the body. */
	body: Buffer;
	/** The same as UTF-8 text. */
	bodyText: string;
	/** The Bearer token of the Authorization header, if any. */
	bearer?: string;
	/** Basic credentials of the Authorization header (sent from a Base URL's `user:password@`). */
	basic?: { user: string; password: string };
	/** What an echoing gateway echoes: the Bearer token, else the Basic password. */
	secret?: string;
}

/** What the server does with one request. */
export interface Script {
	status: number;
	headers?: Record<string, string | number>;
	/** A body sent whole. */
	body?: string | Buffer;
	/** A body produced chunk by chunk (never held whole): sent with back-pressure until the client leaves. */
	stream?: () => Iterable<Buffer>;
	/** Send the headers and this many bytes of `body`, then send nothing more (until `holdMs`). */
	stallAfterBytes?: number;
	/** Send this many bytes of `body` under a Content-Length of the whole body, then destroy the socket. */
	cutAfterBytes?: number;
	/** Never answer at all (no headers), until `holdMs`. */
	hang?: boolean;
}

export type Answer = (request: HostileRequest) => Script | Promise<Script>;

export interface HostileServerOptions {
	/** The longest any answer holds a connection open (stall, hang). Default 15 s. */
	holdMs?: number;
}

export interface ScenarioOptions {
	/** `user:password` put into the Base URL's userinfo. */
	userinfo?: string;
}

/**
 * One test's script. `answers` are used in order, the last one for every later request (a single
 * answer: for every request); `route` picks an answer by request instead.
 */
export class Scenario {
	readonly requests: HostileRequest[] = [];
	private answers: Answer[] = [];
	/** Requests recorded before the current script: its sequence starts after them. */
	private scriptStart = 0;

	constructor(
		readonly id: string,
		private readonly origin: string,
		private readonly options: ScenarioOptions,
		answers: Answer | Answer[],
	) {
		this.answerWith(answers);
	}

	/** Base URL for a credential: `http://[userinfo@]127.0.0.1:<port>/s/<id>/v1`. */
	get url(): string {
		const origin = this.options.userinfo ? this.origin.replace('//', `//${this.options.userinfo}@`) : this.origin;
		return `${origin}/s/${this.id}/v1`;
	}

	/** Replace the script from the next request on (e.g. the server turns healthy again). */
	answerWith(answers: Answer | Answer[]): void {
		const list = Array.isArray(answers) ? [...answers] : [answers];
		if (list.length === 0) throw new Error('A scenario needs at least one answer');
		this.answers = list;
		this.scriptStart = this.requests.length;
	}

	/** @internal The answer to a request already recorded in `requests`. */
	async pick(request: HostileRequest): Promise<Script> {
		const position = request.index - this.scriptStart;
		return await this.answers[Math.min(this.answers.length - 1, position)](request);
	}
}

export class HostileServer {
	readonly requests: HostileRequest[] = [];
	/** Requests whose path names no scenario (answered 404). */
	readonly unrouted: HostileRequest[] = [];
	private readonly scenarios = new Map<string, Scenario>();
	private readonly sockets = new Set<Socket>();
	private readonly holds = new Set<NodeJS.Timeout>();
	private readonly server: Server;
	private readonly holdMs: number;
	private nextId = 0;
	private port = 0;
	private closing?: Promise<void>;

	constructor(options: HostileServerOptions = {}) {
		this.holdMs = options.holdMs ?? 15_000;
		this.server = createServer((req, res) => void this.onRequest(req, res));
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
			// a client that drops mid-answer must not crash the server
			socket.on('error', () => undefined);
		});
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, HOST, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	get origin(): string {
		return `http://${HOST}:${this.port}`;
	}

	/** A new scenario with its own path prefix. */
	scenario(answers: Answer | Answer[], options: ScenarioOptions = {}): Scenario {
		const id = `${++this.nextId}`;
		const scenario = new Scenario(id, this.origin, options, answers);
		this.scenarios.set(id, scenario);
		return scenario;
	}

	/** Open sockets and answers being held; both 0 when idle. */
	diagnostics(): { openSockets: number; heldAnswers: number } {
		return { openSockets: this.sockets.size, heldAnswers: this.holds.size };
	}

	/** Closes the server and every connection, releasing held answers; resolves once every socket is closed. */
	async close(): Promise<void> {
		this.closing ??= (async () => {
			for (const timer of this.holds) clearTimeout(timer);
			this.holds.clear();
			const socketsClosed = [...this.sockets].map((socket) => new Promise<void>((resolve) => (socket.destroyed && !this.sockets.has(socket) ? resolve() : socket.once('close', () => resolve()))));
			const serverClosed = new Promise<void>((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
			for (const socket of this.sockets) socket.destroy();
			this.server.closeAllConnections();
			await Promise.all([serverClosed, ...socketsClosed]);
		})();
		await this.closing;
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const { bodySize, body } = await readRequestBody(req);
		const [pathname, query = ''] = (req.url ?? '/').split('?', 2);
		const match = /^\/s\/([^/]+)(\/.*)?$/.exec(pathname);
		const scenario = match ? this.scenarios.get(match[1]) : undefined;
		const authorization = req.headers.authorization;
		const request: HostileRequest = {
			scenario: scenario?.id ?? '',
			index: scenario?.requests.length ?? this.unrouted.length,
			method: req.method ?? 'GET',
			path: match?.[2] ?? pathname,
			query,
			headers: req.headers,
			bodySize,
			body,
			bodyText: body.toString('utf8'),
			...credentialsOf(authorization),
		};
		this.requests.push(request);
		if (!scenario) {
			this.unrouted.push(request);
			res.writeHead(404, { 'content-type': 'text/plain' }).end('no such scenario');
			return;
		}
		scenario.requests.push(request);
		let script: Script;
		try {
			script = await scenario.pick(request);
		} catch (error) {
			res.writeHead(599, { 'content-type': 'text/plain' }).end(`the scenario's answer threw: ${String(error)}`);
			return;
		}
		await this.send(req, res, script);
	}

	private async send(req: IncomingMessage, res: ServerResponse, script: Script): Promise<void> {
		if (script.hang) {
			this.hold(res);
			return;
		}
		const body = typeof script.body === 'string' ? Buffer.from(script.body) : script.body;
		const headers: Record<string, string | number> = { ...script.headers };
		if (script.cutAfterBytes !== undefined) {
			headers['content-length'] = body?.length ?? 0;
			res.writeHead(script.status, headers);
			res.write(body?.subarray(0, script.cutAfterBytes) ?? Buffer.alloc(0), () => {
				// the bytes are on their way; then the connection dies mid-body
				setTimeout(() => req.socket.destroy(), 20);
			});
			return;
		}
		if (script.stallAfterBytes !== undefined) {
			res.writeHead(script.status, headers);
			res.flushHeaders();
			if (body && script.stallAfterBytes > 0) res.write(body.subarray(0, script.stallAfterBytes));
			this.hold(res);
			return;
		}
		if (script.stream) {
			res.writeHead(script.status, headers);
			await writeStream(res, script.stream(), this.holdMs);
			return;
		}
		if (body !== undefined && headers['content-length'] === undefined && script.status !== 204 && script.status !== 304) {
			headers['content-length'] = body.length;
		}
		res.writeHead(script.status, headers);
		res.end(script.status === 204 || script.status === 304 ? undefined : body);
	}

	/** Keeps a response open until it ends, the client leaves, `close()`, or `holdMs` — whichever comes first. */
	private hold(res: ServerResponse): void {
		const timer = setTimeout(() => {
			this.holds.delete(timer);
			res.socket?.destroy();
		}, this.holdMs);
		this.holds.add(timer);
		const release = () => {
			clearTimeout(timer);
			this.holds.delete(timer);
		};
		res.once('close', release);
		res.once('finish', release);
	}
}

function credentialsOf(authorization: string | undefined): Pick<HostileRequest, 'bearer' | 'basic' | 'secret'> {
	if (typeof authorization !== 'string') return {};
	const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
	if (bearer) return { bearer, secret: bearer };
	const encoded = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
	if (!encoded) return {};
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const basic = { user: decoded.slice(0, Math.max(colon, 0)), password: colon >= 0 ? decoded.slice(colon + 1) : decoded };
	return { basic, secret: basic.password || undefined };
}

/**
 * Writes chunks with back-pressure; stops as soon as the client is gone, and drops a client that
 * has read nothing for `idleMs` (one that stops reading without closing would hold the writer for ever).
 */
async function writeStream(res: ServerResponse, chunks: Iterable<Buffer>, idleMs: number): Promise<void> {
	for (const chunk of chunks) {
		if (res.destroyed || res.writableEnded) return;
		if (!res.write(chunk)) {
			const goOn = await new Promise<boolean>((resolve) => {
				const onDrain = () => done(true);
				const onClose = () => done(false);
				const timer = setTimeout(() => {
					done(false);
					res.socket?.destroy();
				}, idleMs);
				const done = (value: boolean) => {
					clearTimeout(timer);
					res.off('drain', onDrain);
					res.off('close', onClose);
					resolve(value);
				};
				res.once('drain', onDrain);
				res.once('close', onClose);
			});
			if (!goOn) return;
		}
	}
	if (!res.destroyed) res.end();
}

async function readRequestBody(req: IncomingMessage): Promise<{ bodySize: number; body: Buffer }> {
	const kept: Buffer[] = [];
	let keptBytes = 0;
	let bodySize = 0;
	try {
		for await (const chunk of req as AsyncIterable<Buffer>) {
			bodySize += chunk.length;
			if (keptBytes < MAX_RECORDED_BODY_BYTES) {
				const part = chunk.subarray(0, MAX_RECORDED_BODY_BYTES - keptBytes);
				kept.push(part);
				keptBytes += part.length;
			}
		}
	} catch {
		// the client gave up while sending: keep what came
	}
	return { bodySize, body: Buffer.concat(kept) };
}

export async function startHostileServer(options: HostileServerOptions = {}): Promise<HostileServer> {
	return await new HostileServer(options).listen();
}
