// Runs on the app's /extension/connect page only. Carries the one-time code the page shows after
// the approval to the extension, and tells the page when the extension is connected. The code is
// useless without the verifier, which only the extension holds.
(() => {
  const CODE = 'venture-companion:extension-code';
  const CONNECTED = 'venture-companion:extension-connected';
  const CANCELLED = 'venture-companion:extension-cancelled';
  let sent = null;

  function forward(code, state) {
    if (typeof code !== 'string' || typeof state !== 'string' || sent === code) return;
    sent = code;
    chrome.runtime.sendMessage({ type: 'connect-code', code, state }, (answer) => {
      if (answer?.ok) window.postMessage({ type: CONNECTED, state }, window.location.origin);
    });
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window || event.origin !== window.location.origin) return;
    if (event.data?.type === CODE) forward(event.data.code, event.data.state);
    if (event.data?.type === CANCELLED && typeof event.data.state === 'string') chrome.runtime.sendMessage({ type: 'connect-cancelled', state: event.data.state });
  });

  // The page may have shown the code before this script arrived.
  const shown = document.getElementById('extension-code');
  if (shown) forward(shown.dataset.code, shown.dataset.state);
})();
