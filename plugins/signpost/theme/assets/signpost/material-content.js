/*
 * Material for MkDocs 9.8.1's inline content script (partials/javascripts/content.html:
 * open the content tab a URL fragment points at), moved to a file for the
 * Content-Security-Policy (no inline scripts). Unchanged.
 */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
