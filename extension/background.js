import { cancelConnect, completeConnect, openAnswer, syncConnectScript } from './lib.js';

const MENU_ID = 'send-selection';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: 'Send selection to Venture Companion', contexts: ['selection'] });
  void syncConnectScript();
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID) return;
  void openAnswer(info.selectionText, tab);
});

// From the connect page's content script: the one-time code the person just approved.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !sender.tab) return false;
  if (message?.type === 'connect-cancelled') {
    void cancelConnect(message.state);
    return false;
  }
  if (message?.type !== 'connect-code') return false;
  completeConnect(message.code, message.state).then(
    (auth) => sendResponse({ ok: true, email: auth.user.email }),
    (error) => sendResponse({ ok: false, message: error.message }),
  );
  return true;
});
