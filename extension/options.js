import { getAppUrl, normaliseAppUrl, setAppUrl } from './lib.js';

const input = document.getElementById('app-url');
const message = document.getElementById('message');

input.value = await getAppUrl();

document.getElementById('options-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const origin = normaliseAppUrl(input.value);
  if (!origin) {
    message.textContent = 'Enter an address starting with https:// or http://.';
    message.className = 'message error';
    return;
  }
  // Other sites than this computer need the person's permission: to call the API and to let the
  // connect page hand its code over. Without it, codes can still be pasted in the popup.
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  await setAppUrl(origin);
  input.value = origin;
  message.textContent = granted ? `Saved: ${origin}.` : `Saved: ${origin}. Without access to that site the extension cannot reach it; allow it when asked.`;
  message.className = granted ? 'message' : 'message error';
});
