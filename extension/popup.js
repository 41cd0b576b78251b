import { completeConnect, disconnect, getAppUrl, getConnection, openAnswer, startConnect } from './lib.js';

const $ = (id) => document.getElementById(id);
const say = (text, tone = '') => {
  $('message').textContent = text;
  $('message').className = `message ${tone}`;
};

async function render() {
  const [auth, appUrl, { pending }] = await Promise.all([getConnection(), getAppUrl(), chrome.storage.local.get('pending')]);
  $('signed-in').hidden = !auth;
  $('signed-out').hidden = Boolean(auth);
  $('app-url').textContent = appUrl;
  $('paste-form').hidden = !pending;
  if (auth) $('user-email').textContent = auth.user.email ?? auth.user.id;
}

$('connect').addEventListener('click', async () => {
  try {
    await chrome.tabs.create({ url: await startConnect() });
    await render();
  } catch (error) {
    say(error.message, 'error');
  }
});

$('paste-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await completeConnect($('paste-code').value, null);
    $('paste-code').value = '';
    say('Connected.');
    await render();
  } catch (error) {
    say(error.message, 'error');
  }
});

// The page the popup was opened over: the active tab of the last focused browser window (a
// normal one, so that this works too when the popup is opened as a window of its own).
$('send-selection').addEventListener('click', async () => {
  try {
    const window = await chrome.windows.getLastFocused({ windowTypes: ['normal'] });
    const [tab] = await chrome.tabs.query({ active: true, windowId: window.id });
    if (!tab?.id || tab.url?.startsWith(chrome.runtime.getURL(''))) throw new Error('Select some text on a web page first.');
    const [result] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => String(getSelection() ?? '') });
    await openAnswer(result?.result, tab);
  } catch (error) {
    say(error.message.startsWith('Cannot access') ? 'The extension cannot read this page. Right-click the selection instead.' : error.message, 'error');
  }
});

$('disconnect').addEventListener('click', async () => {
  await disconnect();
  say('Disconnected.');
  await render();
});

// A connection completed in the connect page's tab shows here at once.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.auth || changes.pending || changes.appUrl)) void render();
});

void render();
