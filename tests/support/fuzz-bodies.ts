import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { findTextProblem } from '@/lib/api/text-rule';

/**
 * Request bodies for fuzzing JSON endpoints, built from one valid sample body per endpoint:
 * mutations of the sample (wrong types, missing and extra fields, NUL, control characters and
 * lone surrogates, extreme numbers, deep nesting, big strings) and whole-body oddities (invalid
 * JSON and UTF-8, empty bodies, top-level arrays and scalars, wrong Content-Type, a lying
 * Content-Length). Everything is generated with fast-check from a seed, so a failure reproduces.
 *
 * A case is described as bytes plus headers, not as a value: half of what is interesting here
 * (raw `-0`, `1e400`, duplicate keys, 5,000 levels of nesting, invalid UTF-8) cannot be produced
 * by JSON.stringify or cannot survive it.
 */

export interface FuzzCase {
  /** What made it, for the failure report. */
  label: string;
  /** undefined: a request without a body. */
  body: Uint8Array<ArrayBuffer> | undefined;
  /** null: no Content-Type header at all. */
  contentType: string | null;
  headers?: Record<string, string>;
}

export const JSON_CONTENT_TYPE = 'application/json';

const encoder = new TextEncoder();
// Any client's UTF-8 encoder does the same: a raw lone surrogate becomes U+FFFD. Lone surrogates
// meant to reach the server are therefore written as \uD800 escapes, which JSON.stringify does.
const utf8 = (text: string) => encoder.encode(text);
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function caseText(c: FuzzCase): string {
  return c.body === undefined ? '' : decoder.decode(c.body);
}

/** A short, escaped view of the body for a failure message. */
export function preview(c: FuzzCase, max = 240): string {
  const text = caseText(c);
  const bytes = c.body?.byteLength ?? 0;
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  const headers = { 'content-type': c.contentType, ...c.headers };
  return `${c.label} | ${bytes} bytes | headers ${JSON.stringify(headers)} | body ${bytes === 0 && c.body === undefined ? '(none)' : shown}`;
}

/**
 * Whether the endpoint would take this case as a valid request: JSON Content-Type (when the
 * endpoint checks it), text that parses, no NUL / lone surrogate / excessive depth, and a value
 * the endpoint's schema accepts. Size is left out on purpose: counting a too-big valid body as
 * valid only drops a case, while the opposite would send a body that writes.
 */
export function wouldAccept(c: FuzzCase, { accepts, checksContentType }: { accepts: (value: unknown) => boolean; checksContentType: boolean }): boolean {
  if (checksContentType && !/^application\/json\b/i.test(c.contentType ?? '')) return false;
  let value: unknown;
  try {
    value = JSON.parse(caseText(c));
  } catch {
    return false;
  }
  if (findTextProblem(value)) return false;
  return accepts(value);
}

// ---------------------------------------------------------------------------------------------
// Templates: a JSON value in which some parts are raw JSON text.

/** Text placed verbatim into the body, for what JSON.stringify cannot write. */
class Raw {
  constructor(readonly text: string) {}
}

type Path = (string | number)[];
type Template = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Raw);
}

/** Sets an own property even for keys such as "__proto__", which plain assignment would not. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Template): Template {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, clone(item));
    return copy;
  }
  return value;
}

function serialize(value: Template): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${serialize(item)}`)
      .join(',')}}`;
  }
  // undefined (a dropped array item) is written as null, as JSON.stringify would.
  return JSON.stringify(value) ?? 'null';
}

/** Every path below the root, containers included. */
function paths(value: Template, prefix: Path = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
}

function get(value: Template, path: Path): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string | number, unknown>)[key], value);
}

function set(root: Template, path: Path, item: unknown): Template {
  if (path.length === 0) return item;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (Array.isArray(parent)) parent[key as number] = item;
  else setOwn(parent, String(key), item);
  return root;
}

function pick<T>(items: T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

const pathName = (path: Path | undefined) => (path === undefined || path.length === 0 ? '(root)' : path.join('.'));

// ---------------------------------------------------------------------------------------------
// Building blocks.

/** Characters PostgreSQL refuses in text (NUL) or in jsonb (lone surrogates): these must be refused with a 400. */
const REFUSED_CHARS = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800', 'a\u0000b', '\uD83D'];
/** Legal but unusual characters, sent alongside the refused ones. */
const ODD_CHARS = ['\u0001', '\u0007', '\b', '\u001b', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u200b', '\u202e', '\ufeff', '\ufffe', '\uffff', '\r\n', '\t', '😀', 'e\u0301'];

/** Numbers as raw JSON text: extremes, -0, unsafe integers, out-of-range exponents, numbers as strings. */
const NUMBER_TOKENS = [
  '1e308', '-1e308', '1e309', '-1e309', '1e400', '-0', '-0.0', '0e0', '5e-324', '1e-400', '2.2250738585072014e-308',
  '9007199254740993', '-9007199254740993', '9007199254740992', '18446744073709551616', '123456789012345678901234567890',
  '100.0', '101', '-1', '0.5', '50.5', '1E2', '32001', '2147483648', '-2147483649',
  '"50"', '"1e308"', '"-0"', '"NaN"', '"Infinity"', '"0x10"', '" 50 "', '""',
];

const KEY_NAMES = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'isAdmin', 'is_admin', 'role', 'userId', 'user_id', 'id',
  'subscriptionTier', 'subscription_tier', 'kind', 'createdAt', 'updatedAt', 'version', '', ' ', 'a.b', '$where', 'DROP TABLE',
  '\u0000', 'key\u0000', '\uD800', '😀',
];

const WRONG_CONTENT_TYPES = [
  null, '', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/xml', 'text/json', 'application/jsonp', 'application/javascript', 'json', '*/*', 'application/octet-stream',
];

const INVALID_JSON = [
  '{', '}', '[', '{"', '{"a"}', '{"a":}', '{"a":1,}', '[1,]', "{'a':1}", '{a:1}', 'undefined', 'NaN', 'Infinity', '-Infinity',
  '01', '0x10', '+1', '.5', '1.', '"\\x41"', '"\\u12"', '"\\uZZZZ"', '{"a":1}{"b":2}', '{"a":1} x', '// c\n{}', '/* c */{}',
  '{"a":"\u0000"}', '{"a":"line\nbreak"}', '{"a":"\t"}', 'nul', 'tru', '"unterminated', '\u0000', '\u0000{}', '{}\u0000',
  '\uFEFF{}', '{"a":1e}', '{"a":-}', '{"a":--1}', '[[[', ']]]', '{"a":[}', '\\', '"\\"',
];

function nested(depth: number, kind: 'array' | 'object' | 'mixed', leaf = '1'): string {
  if (kind === 'array') return `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
  if (kind === 'object') return `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
  const half = Math.floor(depth / 2);
  return `${'[{"a":'.repeat(half)}${leaf}${'}]'.repeat(half)}`;
}

function wide(count: number, kind: 'array' | 'object'): string {
  if (kind === 'array') return `[${Array.from({ length: count }, (_, i) => `"v${i}"`).join(',')}]`;
  return `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
}

/** A value of some JSON type, often not the one the field wants. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constant(''),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

// ---------------------------------------------------------------------------------------------
// Mutations of the sample.

interface Mutation {
  name: string;
  apply: (body: Template) => Template;
}

const mutation = (name: string, apply: (body: Template) => Template): Mutation => ({ name, apply });

/**
 * Replace a field (or an item, or a nested object) with a value of another type. The value is
 * copied: fc.constant({}) hands every case the same object, and a later mutation adding a field to
 * it (possibly that same object) would change every case after it, or make a cycle.
 */
const wrongType = fc.tuple(fc.nat(), anyJson).map(([at, value]) =>
  mutation(`wrong type`, (body) => {
    const path = pick(paths(body), at);
    return path ? set(body, path, clone(value)) : clone(value);
  }),
);

/** Leave a field out; now and then leave everything out. */
const missing = fc.tuple(fc.nat(), fc.nat({ max: 9 })).map(([at, all]) =>
  mutation('missing field', (body) => {
    if (all === 0 && isPlainObject(body)) return {};
    const members = paths(body).filter((path) => isPlainObject(get(body, path.slice(0, -1))));
    const path = pick(members, at);
    if (path) delete (get(body, path.slice(0, -1)) as Record<string, unknown>)[String(path.at(-1))];
    return body;
  }),
);

/** Add a field nobody asked for, at the top or inside a nested object. */
const extra = fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...KEY_NAMES), fc.string({ maxLength: 12 })), anyJson).map(([at, key, value]) =>
  mutation('extra field', (body) => {
    const objects: Path[] = [[], ...paths(body).filter((path) => isPlainObject(get(body, path)))];
    const target = get(body, pick(objects, at) ?? []);
    if (isPlainObject(target)) setOwn(target, key, clone(value));
    return body;
  }),
);

/**
 * NUL or a lone surrogate (plus, sometimes, legal control characters) inside a string value, an
 * array item or a key: the inputs that reach PostgreSQL and fail there if nothing stops them.
 */
const poisoned = fc
  .tuple(fc.nat(), fc.nat(), fc.constantFrom(...REFUSED_CHARS), fc.array(fc.constantFrom(...ODD_CHARS), { maxLength: 3 }), fc.nat({ max: 5 }))
  .map(([at, position, refused, odd, where]) =>
    mutation('NUL/surrogate', (body) => {
      const insert = (text: string) => {
        const cut = position % (text.length + 1);
        return `${text.slice(0, cut)}${odd.join('')}${refused}${text.slice(cut)}`;
      };
      if (where === 0) {
        // In a key: the same characters in a field name.
        const members = paths(body).filter((path) => isPlainObject(get(body, path.slice(0, -1))));
        const path = pick(members, at);
        if (path) {
          const parent = get(body, path.slice(0, -1)) as Record<string, unknown>;
          const key = String(path.at(-1));
          const value = parent[key];
          delete parent[key];
          setOwn(parent, insert(key), value);
          return body;
        }
      }
      const strings = paths(body).filter((path) => typeof get(body, path) === 'string');
      const path = pick(strings, at);
      if (path) return set(body, path, insert(get(body, path) as string));
      // No string field at all: put the text where some other field was.
      const any = pick(paths(body), at);
      return any ? set(body, any, insert('x')) : insert('x');
    }),
  );

/** Only legal-but-odd characters: sent together with another mutation, never alone (alone they would be valid). */
const oddText = fc.tuple(fc.nat(), fc.array(fc.constantFrom(...ODD_CHARS), { minLength: 1, maxLength: 4 })).map(([at, odd]) =>
  mutation('control chars', (body) => {
    const strings = paths(body).filter((path) => typeof get(body, path) === 'string');
    const path = pick(strings, at);
    return path ? set(body, path, `${get(body, path) as string}${odd.join('')}`) : body;
  }),
);

const extremeNumber = fc.tuple(fc.nat(), fc.constantFrom(...NUMBER_TOKENS)).map(([at, token]) =>
  mutation(`number ${token}`, (body) => {
    const path = pick(paths(body), at);
    return path ? set(body, path, new Raw(token)) : new Raw(token);
  }),
);

const deepField = fc
  .tuple(fc.nat(), fc.constantFrom(33, 64, 1000, 5000), fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed'))
  .map(([at, depth, kind]) =>
    mutation(`${depth}-deep ${kind}`, (body) => {
      const path = pick(paths(body), at);
      return path ? set(body, path, new Raw(nested(depth, kind))) : new Raw(nested(depth, kind));
    }),
  );

const wideField = fc.tuple(fc.nat(), fc.constantFrom(200, 5000), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([at, count, kind]) =>
  mutation(`${count}-wide ${kind}`, (body) => {
    const path = pick(paths(body), at);
    return path ? set(body, path, new Raw(wide(count, kind))) : new Raw(wide(count, kind));
  }),
);

const anyMutation = fc.oneof(
  { arbitrary: wrongType, weight: 5 },
  { arbitrary: missing, weight: 3 },
  { arbitrary: extra, weight: 3 },
  { arbitrary: poisoned, weight: 3 },
  { arbitrary: oddText, weight: 2 },
  { arbitrary: extremeNumber, weight: 4 },
  { arbitrary: deepField, weight: 1 },
  { arbitrary: wideField, weight: 1 },
);

function jsonCase(label: string, text: string, contentType: string | null = JSON_CONTENT_TYPE, headers?: Record<string, string>): FuzzCase {
  return { label, body: utf8(text), contentType, headers };
}

export interface BodySpec {
  /** A body the endpoint accepts; every case is derived from it. */
  sample: Record<string, unknown>;
  /** The endpoint's body limit, around which big bodies are sized. */
  maxBytes: number;
}

/** 1–3 mutations of the sample, applied in turn. */
function mutated({ sample }: BodySpec) {
  return fc.array(anyMutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const body = mutations.reduce<Template>((current, m) => m.apply(current), clone(sample));
    return jsonCase(`mutated: ${mutations.map((m) => m.name).join(' + ')}`, serialize(body));
  });
}

/** The well-typed body with NUL or a lone surrogate in one string: the case most likely to reach PostgreSQL. */
function wellTypedPoisoned({ sample }: BodySpec) {
  return poisoned.map((m) => jsonCase('well-typed with NUL/surrogate', serialize(m.apply(clone(sample)))));
}

/** A string sized so that the whole body is just under, at or just over the limit (and 64 KiB). */
function bigString({ sample, maxBytes }: BodySpec) {
  const targets = [...new Set([maxBytes - 1, maxBytes, maxBytes + 1, 65_535, 65_536, 65_537, 2 * maxBytes])];
  return fc.tuple(fc.nat(), fc.constantFrom(...targets), fc.constantFrom('a', 'é', '€', '😀', '\n', ' ')).map(([at, target, char]) => {
    const body = clone(sample);
    const strings = paths(body).filter((path) => typeof get(body, path) === 'string');
    const path = pick(strings, at) ?? pick(paths(body), at);
    const MARK = new Raw('"__FILL__"');
    const shell = serialize(path ? set(body, path, MARK) : MARK);
    const base = utf8(shell).byteLength - utf8('"__FILL__"').byteLength + 2;
    const per = utf8(JSON.stringify(char)).byteLength - 2;
    const filler = char.repeat(Math.max(0, Math.floor((target - base) / per)));
    return jsonCase(`big string (${JSON.stringify(char)}) at ${pathName(path)} → ~${target} bytes`, shell.replace('"__FILL__"', JSON.stringify(filler)));
  });
}

function invalidText({ sample }: BodySpec) {
  const text = JSON.stringify(sample);
  return fc.oneof(
    fc.constantFrom(...INVALID_JSON).map((t) => jsonCase('invalid JSON', t)),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => jsonCase('truncated JSON', text.slice(0, cut))),
    fc.constantFrom(',', '}', ']', 'x', '\u0000', ' {"a":1}').map((tail) => jsonCase('JSON with trailing garbage', `${text}${tail}`)),
    fc.constant(jsonCase('JSON with a byte-order mark', `\uFEFF${text}`)),
    // An unescaped control character inside a string is invalid JSON.
    fc.constantFrom('\u0000', '\u0001', '\n', '\u001f').map((char) => jsonCase('raw control char in a string', text.replace(/"([^"\\]*)"/, `"$1${char}"`))),
    fc.tuple(fc.nat(), anyJson).map(([at, value]) => {
      // Duplicate keys: JSON.parse keeps the last, so a bad first value must not matter, a bad last one must.
      const key = pick(Object.keys(sample), at) ?? 'x';
      return jsonCase('duplicate key', `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value)}}`);
    }),
  );
}

function emptyBody() {
  return fc.oneof(
    fc.constant<FuzzCase>({ label: 'no body', body: undefined, contentType: JSON_CONTENT_TYPE }),
    fc.constantFrom('', ' ', '\n', '\r\n\t ', 'null').map((t) => jsonCase('empty body', t)),
  );
}

function topLevel({ sample }: BodySpec) {
  return fc.oneof(
    fc.constantFrom('[]', '[{}]', 'null', 'true', 'false', '0', '-0', '1e308', '""', '"{}"', '"[]"').map((t) => jsonCase('top-level non-object', t)),
    fc.constant(jsonCase('top-level array of the sample', JSON.stringify([sample]))),
    fc.constant(jsonCase('sample as a JSON string', JSON.stringify(JSON.stringify(sample)))),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }).map((items) => jsonCase('top-level array', JSON.stringify(items))),
    fc.jsonValue({ maxDepth: 4 }).map((value) => jsonCase('random JSON', JSON.stringify(value) ?? 'null')),
  );
}

/** Every field of the sample present, each with a value of a random type. */
function shuffledTypes({ sample }: BodySpec) {
  const shape = Object.fromEntries(Object.keys(sample).map((key) => [key, anyJson]));
  return fc.record(shape).map((value) => jsonCase('all fields random', JSON.stringify(value)));
}

function deepBody({ maxBytes }: BodySpec) {
  // The last two: the deepest array that fits the limit, and one level more.
  const depths = [33, 1000, 5000, 20_000, Math.floor(maxBytes / 2), Math.floor(maxBytes / 2) + 1];
  return fc.tuple(fc.constantFrom(...depths), fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed')).map(([depth, kind]) =>
    jsonCase(`${depth}-deep ${kind} body`, nested(depth, kind)),
  );
}

function wrongContentType({ sample }: BodySpec) {
  return fc.tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), fc.boolean()).map(([contentType, form]) =>
    jsonCase(
      `Content-Type ${JSON.stringify(contentType)}`,
      form ? new URLSearchParams(Object.entries(sample).map(([k, v]) => [k, String(v)])).toString() : JSON.stringify(sample),
      contentType,
    ),
  );
}

/** A Content-Length that understates, overstates or is not a number: the body is counted as it streams. */
function lyingLength(spec: BodySpec) {
  const big = JSON.stringify({ ...spec.sample, pad: 'x'.repeat(spec.maxBytes) });
  return fc
    .tuple(fc.constantFrom('0', '1', '10', '-1', 'abc', '1e3', '', String(spec.maxBytes + 1), '99999999999999999999'), fc.boolean(), fc.nat({ max: 5 }))
    .map(([length, useBig, poison]) => {
      const text = useBig ? big : poison === 0 ? JSON.stringify({ ...spec.sample, pad: '\u0000' }) : JSON.stringify(spec.sample);
      return jsonCase(`Content-Length ${JSON.stringify(length)} for ${useBig ? 'an oversized' : 'a small'} body`, text, JSON_CONTENT_TYPE, { 'content-length': length });
    });
}

function invalidUtf8({ sample }: BodySpec) {
  const text = JSON.stringify(sample);
  const quote = text.indexOf('"', 2);
  const withBytes = (bytes: number[]) => {
    const head = utf8(text.slice(0, quote));
    const tail = utf8(text.slice(quote));
    return new Uint8Array([...head, ...bytes, ...tail]);
  };
  const variants: [string, Uint8Array<ArrayBuffer>][] = [
    ['0xff 0xfe in a string', withBytes([0xff, 0xfe])],
    ['overlong NUL (C0 80) in a string', withBytes([0xc0, 0x80])],
    ['CESU-8 lone surrogate (ED A0 80) in a string', withBytes([0xed, 0xa0, 0x80])],
    ['truncated 4-byte sequence in a string', withBytes([0xf0, 0x9f, 0x98])],
    ['code point above U+10FFFF in a string', withBytes([0xf4, 0x90, 0x80, 0x80])],
    ['UTF-16LE body', new Uint8Array(Buffer.from(text, 'utf16le'))],
    ['UTF-16BE body with BOM', new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()])],
    ['random bytes', new Uint8Array([0x7b, 0x00, 0xff, 0x22, 0x80, 0x7d])],
  ];
  return fc.constantFrom(...variants).map(([label, body]): FuzzCase => ({ label: `invalid UTF-8: ${label}`, body, contentType: JSON_CONTENT_TYPE }));
}

/** Every kind of bad body, weighted towards the sample's mutations. */
export function badBodies(spec: BodySpec): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { arbitrary: mutated(spec), weight: 30 },
    { arbitrary: wellTypedPoisoned(spec), weight: 15 },
    { arbitrary: shuffledTypes(spec), weight: 8 },
    { arbitrary: bigString(spec), weight: 7 },
    { arbitrary: invalidText(spec), weight: 8 },
    { arbitrary: emptyBody(), weight: 3 },
    { arbitrary: topLevel(spec), weight: 8 },
    { arbitrary: deepBody(spec), weight: 4 },
    { arbitrary: wrongContentType(spec), weight: 7 },
    { arbitrary: lyingLength(spec), weight: 3 },
    { arbitrary: invalidUtf8(spec), weight: 3 },
  );
}

/**
 * The named corner cases, always sent (the random ones may or may not hit them): one of each
 * kind the endpoints must refuse, on top of the seeded sample.
 */
export function cornerCases({ sample, maxBytes }: BodySpec): FuzzCase[] {
  const text = JSON.stringify(sample);
  const firstString = paths(sample).find((path) => typeof get(sample, path) === 'string');
  const firstField = Object.keys(sample)[0] ?? 'x';
  const withAt = (path: Path | undefined, value: unknown) => serialize(path ? set(clone(sample), path, value) : value);
  const padTo = (target: number) => {
    const shell = JSON.stringify({ ...sample, pad: '' });
    return JSON.stringify({ ...sample, pad: 'a'.repeat(Math.max(0, target - utf8(shell).byteLength)) });
  };
  return [
    { label: 'no body', body: undefined, contentType: JSON_CONTENT_TYPE },
    jsonCase('empty body', ''),
    jsonCase('empty object', '{}'),
    jsonCase('top-level array', '[]'),
    jsonCase('top-level array of the sample', `[${text}]`),
    jsonCase('invalid JSON', '{"'),
    jsonCase('no Content-Type', text, null),
    jsonCase('text/plain', text, 'text/plain'),
    jsonCase('NUL in the first string', withAt(firstString, `a\u0000b`)),
    jsonCase('lone high surrogate in the first string', withAt(firstString, '\uD800')),
    jsonCase('lone low surrogate in the first string', withAt(firstString, 'x\uDC00')),
    jsonCase('NUL in a key', `${text.slice(0, -1)},"bad\\u0000key":1}`),
    jsonCase('1e308 as the first field', withAt([firstField], new Raw('1e308'))),
    jsonCase('-0 as the first field', withAt([firstField], new Raw('-0'))),
    jsonCase('2**53+1 as the first field', withAt([firstField], new Raw('9007199254740993'))),
    jsonCase('a number as a string', withAt([firstField], '42')),
    jsonCase('5,000-deep array body', nested(5000, 'array')),
    jsonCase('5,000-deep object body', nested(5000, 'object')),
    jsonCase('5,000-deep array in the first field', withAt([firstField], new Raw(nested(5000, 'array')))),
    jsonCase('33-deep object in the first field', withAt([firstField], new Raw(nested(33, 'object')))),
    jsonCase('body one byte under the limit', padTo(maxBytes - 1)),
    jsonCase('body at the limit', padTo(maxBytes)),
    jsonCase('body one byte over the limit', padTo(maxBytes + 1)),
    jsonCase('body over 64 KiB', padTo(64 * 1024 + 1)),
    jsonCase('oversized body with an understated Content-Length', padTo(maxBytes + 100), JSON_CONTENT_TYPE, { 'content-length': '2' }),
    jsonCase('__proto__ key', `${text.slice(0, -1)},"__proto__":{"isAdmin":true}}`),
  ];
}

function identity(c: FuzzCase): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([c.contentType, c.headers ?? {}, c.body === undefined]));
  if (c.body) hash.update(c.body);
  return hash.digest('hex');
}

/**
 * `count` distinct seeded random cases, then the corner cases, minus any the endpoint would
 * accept as valid. Drawn twice over because the constant generators repeat themselves, and a
 * repeated body is a request that tests nothing new.
 */
export function fuzzCases(spec: BodySpec, { seed, count, outside }: { seed: number; count: number; outside: (c: FuzzCase) => boolean }): FuzzCase[] {
  const seen = new Set<string>();
  const distinct = (c: FuzzCase) => {
    const id = identity(c);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const random = fc.sample(badBodies(spec).filter(outside), { seed, numRuns: 2 * count }).filter(distinct).slice(0, count);
  return [...random, ...cornerCases(spec).filter(outside).filter(distinct)];
}

// ---------------------------------------------------------------------------------------------
// Sending.

export type AnyRouteHandler = (req: NextRequest, segment: { params: Promise<any> }) => Promise<Response>;

export interface FuzzAnswer {
  status: number;
  json: any;
  text: string;
}

async function readAnswer(response: Response): Promise<FuzzAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** Calls a handler in-process with exactly the bytes and headers of the case (cf. callRoute, which always sets a JSON type). */
export async function sendCase(
  handler: AnyRouteHandler,
  { method, url, headers = {}, params = {} }: { method: string; url: string; headers?: Record<string, string>; params?: Record<string, string> },
  c: FuzzCase,
): Promise<FuzzAnswer> {
  const all = new Headers(headers);
  if (c.contentType !== null) all.set('content-type', c.contentType);
  for (const [name, value] of Object.entries(c.headers ?? {})) all.set(name, value);
  const req = new NextRequest(new URL(url, 'http://localhost:3000'), { method, headers: all, body: c.body });
  return readAnswer(await handler(req, { params: Promise.resolve(params) }));
}

/**
 * Sends the first bytes of a body, then fails the stream, as when the client goes away or the
 * connection drops mid-upload. `code` is set on the error the way Node sets it on a reset socket.
 */
export async function sendBrokenBody(
  handler: AnyRouteHandler,
  { method, url, headers = {}, params = {} }: { method: string; url: string; headers?: Record<string, string>; params?: Record<string, string> },
  { prefix, code }: { prefix: string; code?: string },
): Promise<FuzzAnswer> {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(Object.assign(new Error('aborted'), code ? { code } : {}));
        return;
      }
      sent = true;
      controller.enqueue(utf8(prefix));
    },
  });
  const all = new Headers(headers);
  all.set('content-type', JSON_CONTENT_TYPE);
  // duplex: a streamed request body must say so (fetch standard); the DOM typings lack the field.
  const init = { method, headers: all, body, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1];
  return readAnswer(await handler(new NextRequest(new URL(url, 'http://localhost:3000'), init), { params: Promise.resolve(params) }));
}

/** What is wrong with an error answer's shape, or null: `{ error: { code, message }, requestId }`. */
export function envelopeProblem(answer: FuzzAnswer): string | null {
  if (answer.status < 400) return null;
  const json = answer.json as { error?: { code?: unknown; message?: unknown }; requestId?: unknown } | undefined;
  if (typeof json !== 'object' || json === null) return `not a JSON object: ${JSON.stringify(answer.text.slice(0, 120))}`;
  if (typeof json.error?.code !== 'string') return 'error.code missing';
  if (typeof json.error?.message !== 'string') return 'error.message missing';
  if (typeof json.requestId !== 'string') return 'requestId missing';
  return null;
}
