// Typed answers as people read them, in plain DOM (no HTML from the answer is ever interpreted).
// A typed answer streams as JSON cut off anywhere; readPartial closes what is open so the fields
// that have arrived can be shown while the rest is still coming.

/** The value of JSON text cut off anywhere, or null when it is not (the start of) a JSON object. */
export function readPartial(text) {
  const source = text.trimStart();
  if (!source.startsWith('{')) return null;
  const closers = [];
  let inString = false;
  let escaped = false;
  for (const char of source) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') closers.push('}');
    else if (char === '[') closers.push(']');
    else if (char === '}' || char === ']') closers.pop();
  }
  let body = source;
  if (inString) body = `${escaped ? body.slice(0, -1) : body}"`;
  const tail = closers.reverse().join('');
  // A trailing comma, or a key still waiting for its value, is dropped before closing.
  for (const candidate of [body, body.replace(/,\s*$/, ''), body.replace(/,?\s*"(?:[^"\\]|\\.)*"\s*:?\s*$/, '')]) {
    try {
      return JSON.parse(candidate + tail);
    } catch {
      // try the next, shorter reading
    }
  }
  return null;
}

const str = (value) => (typeof value === 'string' ? value : '');
const list = (value) => (Array.isArray(value) ? value : []);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function items(values, render) {
  const ol = el('ol');
  for (const value of values) ol.append(render(value));
  return ol;
}

function section(title, ...children) {
  const wrap = el('div', undefined, 'field');
  wrap.append(el('h3', title), ...children);
  return wrap;
}

/** The nodes that show an answer of `type` (an object, possibly incomplete); plain text as it is. */
export function renderAnswer(type, value, fallbackText) {
  if (!value || typeof value !== 'object') return [el('p', fallbackText, 'text')];
  const nodes = [];
  const add = (condition, node) => condition && nodes.push(node);
  switch (type) {
    case 'content':
      add(str(value.title), el('h3', str(value.title), 'title'));
      add(str(value.body), el('p', str(value.body), 'text'));
      break;
    case 'agent_scaffold':
      add(str(value.name), el('h3', str(value.name), 'title'));
      add(str(value.goal), section('Goal', el('p', str(value.goal), 'text')));
      add(list(value.tools).length, section('Tools', items(list(value.tools), (tool) => el('li', str(tool)))));
      add(list(value.steps).length, section('Steps', items(list(value.steps), (step) => el('li', str(step)))));
      break;
    case 'workflow':
      add(str(value.name), el('h3', str(value.name), 'title'));
      add(str(value.trigger), section('Trigger', el('p', str(value.trigger), 'text')));
      add(
        list(value.steps).length,
        section('Steps', items(list(value.steps), (step) => {
          const li = el('li');
          li.append(el('strong', str(step?.name)), document.createTextNode(str(step?.action) ? `: ${str(step.action)}` : ''));
          return li;
        })),
      );
      break;
    case 'code':
      for (const file of list(value.files)) {
        nodes.push(section(str(file?.path) || 'File', el('pre', str(file?.contents), 'code')));
      }
      add(str(value.notes), section('Notes', el('p', str(value.notes), 'text')));
      break;
    case 'insight':
      add(str(value.headline), el('h3', str(value.headline), 'title'));
      add(list(value.findings).length, section('Findings', items(list(value.findings), (finding) => el('li', str(finding)))));
      add(str(value.recommendation), section('Recommendation', el('p', str(value.recommendation), 'text')));
      break;
    default:
      nodes.push(el('p', fallbackText, 'text'));
  }
  return nodes;
}
