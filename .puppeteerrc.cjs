// pa11y drives Debian's Chromium (/usr/bin/chromium): puppeteer must never download
// a browser of its own, even from a plain `npm ci` without PUPPETEER_SKIP_DOWNLOAD.
module.exports = {skipDownload: true};
