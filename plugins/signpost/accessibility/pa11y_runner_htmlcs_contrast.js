'use strict';
// A pa11y runner (pa11y's own extension point: a module with `supports`, `scripts` and
// `run`): HTML_CodeSniffer with only its colour-contrast sniffs, for the dark pass.
//
// It IS pa11y's htmlcs runner: the same `run` (so the same issue codes, messages and
// selectors, e.g. `WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail`) and the same
// HTMLCS.js, plus one script injected after it that narrows the WCAG2AA ruleset to
// the sniffs whose result depends on colours (`htmlcs_contrast_only.js`, beside this
// file). pa11y's own runner narrows the same list when given `rules`. Why the dark pass
// needs nothing else: see DARK in pa11y.py.
//
// pa11y loads a runner by path with its own `require`; the project's node_modules is
// found from SIGNPOST_PA11Y_PROJECT (set by pa11y_passes.js), as the driver finds pa11y.

const path = require('path');
const {createRequire} = require('module');

const project = process.env.SIGNPOST_PA11Y_PROJECT || process.cwd();
const htmlcs = createRequire(path.join(project, 'package.json'))('pa11y/lib/runners/htmlcs');

module.exports = {
	supports: htmlcs.supports,
	scripts: [...htmlcs.scripts, path.join(__dirname, 'htmlcs_contrast_only.js')],
	run: htmlcs.run,
	// Not pa11y's: the runner name the issues are reported under (pa11y would write this file's path).
	reportsAs: 'htmlcs'
};
