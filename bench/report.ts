import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * docs/BENCHMARKS.md is assembled from sections, one per benchmark, each between
 * `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`. A benchmark rewrites only its own section,
 * so benchmarks can be re-run one at a time.
 */
export const BENCHMARKS_FILE = join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');

const HEADER = `# Benchmarks

Every figure here is written by a benchmark script, with the command that produced it. Figures are
ratios measured within one run (ours vs the physical limit vs a baseline): the machines are shared
and noisy, so a lone absolute time means little.
`;

export function writeSection(name: string, markdown: string, file = BENCHMARKS_FILE): void {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const block = `${start}\n${markdown.trim()}\n${end}`;
	let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from >= 0 && to > from) text = text.slice(0, from) + block + text.slice(to + end.length);
	else text = `${text.trimEnd()}\n\n${block}\n`;
	writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

/** One line describing where and when figures were measured. */
export function machineLine(): string {
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	return `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
}

/** A markdown table from rows of cells. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
	const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`);
export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
