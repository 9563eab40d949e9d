// Build steps around `tsc`: clean dist/ before it, copy what tsc does not emit after it
// (icons and the codex JSON files that n8n reads next to each compiled node).
const { src, dest, task, series } = require('gulp');
const { rm } = require('node:fs/promises');

task('clean', () => rm('dist', { recursive: true, force: true }));

function copyIcons() {
	return src('icons/**/*.{svg,png}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

task('build:assets', series(copyIcons, copyCodex));
