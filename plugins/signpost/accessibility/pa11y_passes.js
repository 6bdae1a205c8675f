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

const fs = require('fs');
const path = require('path');
const {createRequire} = require('module');

async function main() {
	const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	// pa11y and puppeteer come from the project's node_modules (pinned in package-lock.json).
	const projectRequire = createRequire(path.join(config.project, 'package.json'));
	const pa11y = projectRequire('pa11y');
	const puppeteer = projectRequire('puppeteer');
	const browser = await puppeteer.launch(config.chromeLaunchConfig);
	const results = {};
	const queue = config.pages.slice();
	const worker = async () => {
		while (queue.length) {
			const entry = queue.shift();
			results[entry.url] = await checkPage(browser, pa11y, entry, config);
		}
	};
	try {
		await Promise.all(Array.from({length: Math.max(1, config.concurrency)}, worker));
	} finally {
		await browser.close().catch(() => {});
	}
	process.stdout.write(JSON.stringify({results}) + '\n');
}

async function checkPage(browser, pa11y, entry, config) {
	const outcome = {};
	let page;
	try {
		page = await browser.newPage();
		// The site's Content-Security-Policy (script-src 'self') would block the axe and HTML_CodeSniffer
		// scripts pa11y injects, and every page would "pass" unchecked: the checker is exempt, readers are not.
		await page.setBypassCSP(true);
		await page.setViewport(config.viewport);
		// pa11y's own navigation: the same wait (network idle) and timeout.
		await page.goto(entry.url, {waitUntil: 'networkidle2', timeout: config.timeout});
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
		const pass = config.passes[name];
		try {
			const result = await pa11y(entry.url, {
				...config.pa11y, ...pass, timeout: config.timeout, viewport: config.viewport,
				browser, page, ignoreUrl: true
			});
			outcome[name] = {issues: result.issues};
		} catch (error) {
			outcome[name] = {crash: describe(error)};
		}
	}
	await page.close().catch(() => {});
	return outcome;
}

function describe(error) {
	return String((error && error.message) || error).split('\n')[0];
}

main().catch(error => {
	process.stderr.write(`signpost pa11y driver: ${describe(error)}\n`);
	process.exit(2);
});
