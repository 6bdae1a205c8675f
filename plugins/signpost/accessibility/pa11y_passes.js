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
// SIGNPOST_A11Y_TIMING=<file>: also write, per page, milliseconds since the page was
// opened at each step (loaded; per pass: actions done, runners injected, runners done)
// to that file as JSON: how `docs/accessibility.md`'s time breakdown was measured.

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
	const worker = async () => {
		while (queue.length) {
			const entry = queue.shift();
			const clock = TIMING_FILE ? stopwatch() : null;
			results[entry.url] = await checkPage(browser, pa11y, entry, config, passes, clock);
			if (clock) {
				await Promise.all(clock.pending);
				timings[entry.url] = {...clock.marks, cpu: clock.cpu};
			}
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

// Milliseconds since the page was opened, at named steps (SIGNPOST_A11Y_TIMING), and the
// page's own main-thread time at that step (Chromium's `TaskDuration`, in `cpu`: steadier
// than wall time on a loaded machine). The metrics request queues behind the step's work.
function stopwatch() {
	const start = process.hrtime.bigint();
	const marks = {};
	const cpu = {};
	const pending = [];
	let page = null;
	return {marks, cpu, pending, watch: watched => {
		page = watched;
	}, mark: name => {
		marks[name] = Number(process.hrtime.bigint() - start) / 1e6;
		if (page) {
			pending.push(page.metrics().then(m => {
				cpu[name] = m.TaskDuration * 1000;
			}, () => {}));
		}
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

async function checkPage(browser, pa11y, entry, config, passes, clock) {
	const outcome = {};
	let page;
	try {
		page = await browser.newPage();
		if (clock) {
			clock.watch(page);
			page.once('domcontentloaded', () => clock.mark('domcontentloaded'));
			page.once('load', () => clock.mark('load'));
		}
		// The site's Content-Security-Policy (script-src 'self') would block the axe and HTML_CodeSniffer
		// scripts pa11y injects, and every page would "pass" unchecked: the checker is exempt, readers are not.
		await page.setBypassCSP(true);
		await page.setViewport(config.viewport);
		// Not pa11y's own wait ('networkidle2': at least 500 ms without requests after the
		// last one, about 0.7 s a page here): the load event, then Material's ready state.
		await page.goto(entry.url, {waitUntil: 'load', timeout: config.timeout});
		if (clock) {
			clock.mark('loaded');
		}
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
		return outcome;
	}
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
		}
	}
	await page.close().catch(() => {});
	return outcome;
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
