// Injected into the page after HTML_CodeSniffer by pa11y_runner_htmlcs_contrast.js:
// the WCAG2AA ruleset keeps only the contrast sniffs. 1_4_3 reports G18/G145 (text
// contrast, the only htmlcs errors that depend on colours: 1_4_1 and 1_4_11 are
// notices, 1_4_3_F24 warnings) and 1_4_3_Contrast is the helper it calls. Every pa11y
// call injects HTMLCS.js afresh, so the other passes get the full ruleset.
(function () {
	'use strict';
	window.HTMLCS_WCAG2AA.sniffs[0].include = [
		'Principle1.Guideline1_4.1_4_3',
		'Principle1.Guideline1_4.1_4_3_Contrast'
	];
}());
