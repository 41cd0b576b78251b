import { apiError, apiRequest, getAppUrl } from './lib.js';
import { readPartial, renderAnswer } from './readable.js';

// Sends the task to POST /api/runs and shows the NDJSON stream as it arrives: `run` (the id),
// `delta` (text), then `done` (the stored run) or `error`. Then Approve / Reject.

const $ = (id) => document.getElementById(id);
const state = (text) => ($('state').textContent = text);

async function takeTask() {
  const key = `task:${new URLSearchParams(location.search).get('task')}`;
  const stored = (await chrome.storage.session.get(key))[key];
  // One task, one run: reloading this page does not send it again.
  await chrome.storage.session.remove(key);
  return stored ?? null;
}

async function* events(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line);
    }
  }
  if (buffer.trim()) yield JSON.parse(buffer);
}

async function sendFeedback(runId, feedback) {
  for (const button of $('verdict').querySelectorAll('button')) button.disabled = true;
  const response = await apiRequest(`/api/runs/${runId}/feedback`, { method: 'POST', body: JSON.stringify({ feedback }) });
  if (!response.ok) {
    $('message').textContent = await apiError(response);
    $('message').className = 'message error';
    for (const button of $('verdict').querySelectorAll('button')) button.disabled = false;
    return;
  }
  $('message').textContent = feedback === 'approved' ? 'Approved. Thank you: your cofounder learns from it.' : 'Rejected. Your cofounder learns from that too.';
  $('message').className = 'message';
}

async function main() {
  const item = await takeTask();
  if (!item) {
    state('Nothing to send: select text on a page and choose “Send selection to Venture Companion”.');
    return;
  }
  $('task').textContent = item.task;
  $('source').textContent = item.sourceTitle || item.sourceUrl ? `From ${item.sourceTitle || item.sourceUrl}` : '';

  const response = await apiRequest('/api/runs', { method: 'POST', body: JSON.stringify({ task: item.task, outputType: 'auto' }) });
  if (!response.ok || !response.body) {
    state(await apiError(response));
    return;
  }
  state('Your cofounder is answering…');
  let runId = null;
  let outputType = null;
  let text = '';
  const show = (value) => $('answer').replaceChildren(...renderAnswer(outputType, value, text));
  for await (const event of events(response)) {
    if (event.type === 'run') {
      runId = event.run.id;
      outputType = event.run.outputType;
    } else if (event.type === 'delta') {
      text += event.text;
      // While the JSON is cut mid-token nothing new can be read: keep what is shown.
      const partial = readPartial(text);
      if (partial || !text.trimStart().startsWith('{')) show(partial);
    } else if (event.type === 'done') {
      runId = event.run.id;
      show(event.run.output);
      state('Done. Does this answer work for you?');
      $('verdict').hidden = false;
      const link = document.createElement('a');
      link.href = new URL(`/runs/${runId}`, await getAppUrl()).toString();
      link.target = '_blank';
      link.textContent = 'Open in Venture Companion';
      $('source').append(document.createTextNode(' · '), link);
    } else if (event.type === 'error') state(event.error.message);
  }
  $('approve').addEventListener('click', () => void sendFeedback(runId, 'approved'));
  $('reject').addEventListener('click', () => void sendFeedback(runId, 'rejected'));
}

main().catch((error) => state(error.message));
