'use strict';
// signpost's pa11y driver: ONE page load serves every pass (light, target size, dark).
//
// Why hand-written: pa11y-ci runs one pa11y call, so one full page load, per URL and
// config; three passes cost three loads of every page (17 of CI's 22 minutes). pa11y
// itself accepts a puppeteer `browser` and `page` and `ignoreUrl: true` (test the page
// as it is, no navigation), and runs `actions` before its runners: so this script loads
// each page once, then calls pa11y once per pass on that same page. Everything else is
// pa11y's own (runners, standard, actions, issue format).
//
// Input: the path of a JSON config written by signpost.accessibility.pa11y:
//   {project, chromeLaunchConfig, concurrency, timeout, viewport, pa11y: {...shared options},
//    passes: {name: {runners, rules, actions}}, pages: [{url, passes: [name, ...]}]}
// Output (stdout, one line): {"results": {url: {pass: {"issues": [...]} | {"crash": "why"}}}}
// Passes run in the order given: the caller puts the ones that change the page (dark) last.
//
// SIGNPOST_A11Y_TIMING=<file>: also write, per page, milliseconds since its turn began at
// each step (DOMContentLoaded, load, Material ready; per pass: actions done, runners
// injected, runners done) to that file as JSON: docs/accessibility.md's time breakdown.

const fs = require('fs');
const path = require('path');
const {createRequire} = require('module');

const TIMING_FILE = process.env.SIGNPOST_A11Y_TIMING || '';

async function main() {
	const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	// pa11y and puppeteer come from the project's node_modules (pinned in package-lock.json).
	const projectRequire = createRequire(path.join(config.project, 'package.json'));
	const pa11y = projectRequire('pa11y');
	const puppeteer = projectRequire('puppeteer');
	process.env.SIGNPOST_PA11Y_PROJECT = config.project;   // for signpost's own runners
	const axeRules = projectRequire('axe-core').getRules().map(rule => rule.ruleId.toLowerCase());
	const passes = Object.fromEntries(Object.entries(config.passes).map(
		([name, pass]) => [name, pa11yOptions(pass, axeRules)]));
	const browser = await puppeteer.launch(config.chromeLaunchConfig);
	const results = {};
	const timings = {};
	const queue = config.pages.slice();
	// Each worker keeps its tab and navigates it to its next page: a new tab per page cost
	// about 0.4 s of CPU more a page (docs/accessibility.md). Every navigation is a new
	// document; what a tab keeps (sessionStorage) Material uses only for version and
	// repository facts this site has not got. After a crash the worker opens a fresh tab.
	const worker = async () => {
		let tab = null;
		while (queue.length) {
			const entry = queue.shift();
			const clock = TIMING_FILE ? stopwatch() : null;
			const checked = await checkPage(browser, pa11y, entry, config, passes, tab, clock);
			results[entry.url] = checked.outcome;
			tab = checked.tab;
			if (clock) {
				timings[entry.url] = clock.marks;
			}
		}
		if (tab) {
			await tab.close().catch(() => {});
		}
	};
	try {
		await Promise.all(Array.from({length: Math.max(1, config.concurrency)}, worker));
	} finally {
		await browser.close().catch(() => {});
	}
	if (TIMING_FILE) {
		fs.writeFileSync(TIMING_FILE, JSON.stringify({concurrency: config.concurrency, timings}, null, 1));
	}
	process.stdout.write(JSON.stringify({results}) + '\n');
}

// Milliseconds since the page's turn began, at named steps (SIGNPOST_A11Y_TIMING).
function stopwatch() {
	const start = process.hrtime.bigint();
	const marks = {};
	return {marks, mark: name => {
		marks[name] = Number(process.hrtime.bigint() - start) / 1e6;
	}};
}

// pa11y's `log.debug` lines mark its steps: "Injecting Pa11y" (actions done), "Running
// Pa11y on the page" (runners injected); the call's return is "runners done".
function pa11yLog(clock, name) {
	const steps = {'Injecting Pa11y': 'actions', 'Running Pa11y on the page': 'injected'};
	const noop = () => {};
	return clock ? {info: noop, error: noop, debug: message => {
		if (steps[message]) {
			clock.mark(`${name}:${steps[message]}`);
		}
	}} : undefined;
}

// One page, every pass; `tab` is the worker's tab to navigate (or null: open one). Returns
// the outcome per pass and the tab to use next (null after a crash: it may be broken).
async function checkPage(browser, pa11y, entry, config, passes, tab, clock) {
	const outcome = {};
	let page = tab;
	try {
		if (!page) {
			page = await browser.newPage();
			// The site's Content-Security-Policy (script-src 'self') would block the axe and HTML_CodeSniffer
			// scripts pa11y injects, and every page would "pass" unchecked: the checker is exempt, readers are not.
			await page.setBypassCSP(true);
			await page.setViewport(config.viewport);
		}
		if (clock) {
			page.once('domcontentloaded', () => clock.mark('domcontentloaded'));
			page.once('load', () => clock.mark('load'));
		}
		// Not pa11y's own wait ('networkidle2': at least 500 ms without requests after the
		// last one): the load event, then Material's ready state (below).
		await page.goto(entry.url, {waitUntil: 'load', timeout: config.timeout});
		await page.waitForFunction(materialReady, {timeout: config.timeout, polling: 50}).catch(error => {
			throw new Error(`Material's scripts never finished (its search did not become ready): ${describe(error)}`);
		});
		if (clock) {
			clock.mark('ready');
		}
	} catch (error) {
		for (const name of entry.passes) {
			outcome[name] = {crash: `the page did not load: ${describe(error)}`};
		}
		if (page) {
			await page.close().catch(() => {});
		}
		return {outcome, tab: null};
	}
	let crashed = false;
	for (const name of entry.passes) {
		const {options, reportAs} = passes[name];
		try {
			const result = await pa11y(entry.url, {
				...config.pa11y, ...options, timeout: config.timeout, viewport: config.viewport,
				browser, page, ignoreUrl: true, ...(clock ? {log: pa11yLog(clock, name)} : {})
			});
			outcome[name] = {issues: result.issues.map(issue => ({...issue, runner: reportAs[issue.runner] || issue.runner}))};
			if (clock) {
				clock.mark(`${name}:done`);
			}
		} catch (error) {
			outcome[name] = {crash: describe(error)};
			crashed = true;
		}
	}
	if (crashed) {
		await page.close().catch(() => {});
		return {outcome, tab: null};
	}
	return {outcome, tab: page};
}

// In the page: true once it is complete. After the load event (every stylesheet, script and
// image) the one thing Material still changes is its search: the worker fetches the
// language's search index, and when it has answered, the results box's "Initializing
// search" becomes "Type to start searching" (`search.result.placeholder` in Material's
// `__config` translations, in the page's language). The page is complete when that
// happened (or it has no search) and its fonts are loaded.
/* istanbul ignore next: runs in the browser */
function materialReady() {
	if (document.readyState !== 'complete' || document.fonts.status !== 'loaded') {
		return false;
	}
	const meta = document.querySelector('.md-search-result__meta');
	const config = document.getElementById('__config');
	if (!meta || !config) {
		return true;
	}
	const ready = (JSON.parse(config.textContent).translations || {})['search.result.placeholder'];
	return !ready || meta.textContent.trim() === ready.trim();
}

// signpost's own pa11y runners (pa11y's extension point: a module path as a runner name).
const OWN_RUNNERS = {'htmlcs-contrast': path.join(__dirname, 'pa11y_runner_htmlcs_contrast.js')};

// A pass's pa11y options. `axeOnly: [rule, ...]` runs only those axe rules: pa11y's axe
// runner turns `ignore` into disabled axe rules (`enabled: false`), so ignoring every
// other rule of the installed axe-core leaves only these to run. `reportAs` maps a
// runner's path back to the name its issues are reported under (`htmlcs`).
function pa11yOptions({axeOnly = [], runners, ...options}, axeRules) {
	const ignore = axeOnly.length ? axeRules.filter(rule => !axeOnly.includes(rule)) : [];
	const reportAs = {};
	const names = runners.map(name => {
		if (!OWN_RUNNERS[name]) {
			return name;
		}
		reportAs[OWN_RUNNERS[name]] = require(OWN_RUNNERS[name]).reportsAs;
		return OWN_RUNNERS[name];
	});
	return {options: {...options, runners: names, ignore: [...(options.ignore || []), ...ignore]}, reportAs};
}

function describe(error) {
	return String((error && error.message) || error).split('\n')[0];
}

main().catch(error => {
	process.stderr.write(`signpost pa11y driver: ${describe(error)}\n`);
	process.exit(2);
});
