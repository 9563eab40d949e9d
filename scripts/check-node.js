// The Node.js version check of `npm test`, `npm run demo`, `npm run fake-openai`, `npm run bench`
// and jest.config.js: on an older Node they stop at once with one plain line, instead of failing
// later with an error that does not say why. Plain CommonJS with old syntax, so that it runs (and
// says so) on any Node.js. `npm install` is stopped by `engine-strict` in .npmrc instead.
'use strict';

var REQUIRED_MAJOR = 24;

/** The message for a Node.js version that is too old, or undefined when it is new enough. */
function nodeVersionProblem(version) {
	var match = /^v?(\d+)\./.exec(String(version));
	if (match && Number(match[1]) >= REQUIRED_MAJOR) return undefined;
	return 'This project needs Node.js ' + REQUIRED_MAJOR + ' (you have ' + version + '); `nvm use` reads .nvmrc';
}

/** Prints the message and ends the process when the running Node.js is too old. */
function exitUnlessSupportedNode() {
	var problem = nodeVersionProblem(process.version);
	if (problem === undefined) return;
	process.stderr.write(problem + '\n');
	process.exit(1);
}

module.exports = { REQUIRED_MAJOR: REQUIRED_MAJOR, nodeVersionProblem: nodeVersionProblem, exitUnlessSupportedNode: exitUnlessSupportedNode };

if (require.main === module) exitUnlessSupportedNode();
