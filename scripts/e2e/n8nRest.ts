import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { N8nRun } from './n8n';

/** The owner account the e2e and `npm run dev` create on a fresh n8n (local, loopback-only instances). */
export const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-Password-1',
} as const;

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string;
}

/** n8n's internal REST API (/rest), authenticated by the owner's session cookie. */
export class N8nRest {
	/** sent as `browser-id`: n8n binds the session cookie to it (a browser sends its localStorage n8n-browserId) */
	readonly browserId = 'e2e-browser';
	private cookie = '';

	constructor(
		readonly url: string,
		private readonly n8nHome: string,
	) {}

	/** Creates the owner on a fresh instance (or logs in when it exists) and keeps the session cookie. */
	async signIn(): Promise<void> {
		const setup = await fetch(`${this.url}/rest/owner/setup`, this.init('POST', DEMO_OWNER));
		if (setup.ok) {
			this.keepCookie(setup);
			return;
		}
		const login = await fetch(
			`${this.url}/rest/login`,
			this.init('POST', { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }),
		);
		if (!login.ok) throw new Error(`n8n owner setup (${setup.status}) and login (${login.status}) failed: ${await login.text()}`);
		this.keepCookie(login);
	}

	async get<T>(path: string): Promise<T> {
		const response = await fetchOnFreshSocket(`${this.url}/rest${path}`, this.init('GET'));
		if (!response.ok) throw new Error(`GET /rest${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	}

	async post<T>(path: string, body: unknown): Promise<T> {
		const response = await fetchOnFreshSocket(`${this.url}/rest${path}`, this.init('POST', body));
		if (!response.ok) throw new Error(`POST /rest${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	}

	/** Executions of one workflow, newest first. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.get<{ results: ExecutionSummary[] }>(`/executions?filter=${filter}&limit=100`);
		return page.results;
	}

	/** One execution's run data (n8n stores it "flatted"; parsed with n8n's own copy of flatted). */
	async executionRun(id: string): Promise<N8nRun> {
		const execution = await this.get<{ data: string; status: string }>(`/executions/${id}`);
		const requireFromN8n = createRequire(join(this.n8nHome, 'node_modules', 'n8n', 'package.json'));
		const flatted = requireFromN8n('flatted') as { parse(text: string): N8nRun['data'] };
		return { status: execution.status, data: flatted.parse(execution.data) };
	}

	/** The session cookies, for a browser (Playwright's addCookies format). */
	cookies(url: string): Array<{ name: string; value: string; url: string }> {
		return this.cookie
			.split('; ')
			.filter(Boolean)
			.map((pair) => {
				const at = pair.indexOf('=');
				return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
			});
	}

	private init(method: string, body?: unknown): RequestInit {
		const headers: Record<string, string> = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
	}

	private keepCookie(response: Response): void {
		const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
		if (cookies.length === 0) throw new Error('n8n sent no session cookie');
		this.cookie = cookies.join('; ');
	}
}

/**
 * fetch, once more when the kept-alive connection it reused had just been closed by n8n ("other side
 * closed" before any answer: n8n never saw the request, so sending it again is safe). Seen after
 * n8n's REST API handed out 100+ MB of run data (batch-120k-split).
 */
async function fetchOnFreshSocket(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		const closedBeforeAnswer = cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || /other side closed/.test(cause?.message ?? '');
		if (!closedBeforeAnswer) throw error;
		return await fetch(url, init);
	}
}
