// whatsapp-web.js pulls in puppeteer; its own Chrome download cannot work offline.
// LokerBot uses the system Chromium (Debian `chromium`, see PUPPETEER_EXECUTABLE_PATH).
module.exports = { skipDownload: true };
