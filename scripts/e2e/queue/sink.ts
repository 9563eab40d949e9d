import type { FakeOpenAi } from '../../../test/fake-openai';
import type { PlannedExample } from '../cliExamples';
import type { N8nRest } from '../n8nRest';
import type { Report } from '../report';
import type { QueueCluster, QueueServices } from './cluster';
import type { Sql } from './sql';

export const SINK_EXAMPLE = 'usage-rows-into-postgres';

export interface SinkPhase {
	cluster: QueueCluster;
	rest: N8nRest;
	fake: FakeOpenAi;
	sql: Sql;
	report: Report;
	planned: PlannedExample;
	services: QueueServices;
	workers: string[];
}

export async function runSinkPhase(phase: SinkPhase): Promise<void> {
	phase.report.skip(`example ${SINK_EXAMPLE}`, 'SKIPPED (not written yet)');
}
