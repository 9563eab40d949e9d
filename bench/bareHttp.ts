import http from 'node:http';

/**
 * The floor for a Node.js client on this machine: chat requests from a bare `node:http` loop, no
 * n8n, no SDK, no JSON beyond parsing the answer. With `keepAlive: false` every request opens a
 * new TCP connection, as n8n's HTTP helper does (a new agent per request); with `keepAlive: true`
 * connections are reused, which no option of n8n's helper allows.
 */
export async function bareChatLoop(options: {
	url: string;
	apiKey: string;
	count: number;
	concurrency: number;
	keepAlive: boolean;
	content: (i: number) => string;
}): Promise<{ wallMs: number; failed: number }> {
	const { url, apiKey, count, concurrency, keepAlive, content } = options;
	const target = new URL(`${url.replace(/\/$/, '')}/chat/completions`);
	const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : false;
	let failed = 0;
	const send = (i: number) =>
		new Promise<void>((resolve, reject) => {
			const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: content(i) }] });
			const request = http.request(
				{
					hostname: target.hostname,
					port: target.port,
					path: target.pathname,
					method: 'POST',
					agent,
					headers: {
						authorization: `Bearer ${apiKey}`,
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						JSON.parse(Buffer.concat(chunks).toString('utf8'));
						if ((response.statusCode ?? 0) >= 400) failed++;
						resolve();
					});
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await send(next++);
		}),
	);
	const wallMs = performance.now() - started;
	if (agent) agent.destroy();
	return { wallMs, failed };
}
