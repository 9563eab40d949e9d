import { createRequire } from 'node:module';
import { join } from 'node:path';

interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
	end(): Promise<void>;
}

/** SQL against the run's PostgreSQL, with n8n's own copy of `pg` (this package has no database client). */
export class Sql {
	private constructor(private readonly client: PgClient) {}

	static async connect(n8nHome: string, port: number, database = 'n8n'): Promise<Sql> {
		const requireFromN8n = createRequire(join(n8nHome, 'node_modules', 'n8n', 'package.json'));
		const pg = requireFromN8n('pg') as { Client: new (config: Record<string, unknown>) => PgClient };
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database });
		await client.connect();
		return new Sql(client);
	}

	async query<R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
		return (await this.client.query<R>(text, values)).rows;
	}

	async close(): Promise<void> {
		await this.client.end();
	}
}
