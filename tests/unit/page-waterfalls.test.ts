import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Server components read inside one transaction (withUserTransaction); each `await` there is a
 * round trip the page waits for before it sends the next query. Independent reads go out together
 * (Promise.all, pipelined on the connection), so a function inside a page's transaction awaits
 * once, unless a later read needs an earlier answer: those pages are listed here with the reason.
 */
const DEPENDENT_READS: Record<string, { awaits: number; because: string }> = {
  'app/admin/page.tsx': { awaits: 2, because: 'nothing is read for someone who is not an administrator' },
  'app/organizations/[slug]/page.tsx': { awaits: 2, because: "the members, invitations and repositories are the organization's, found by its slug" },
  'app/templates/[id]/page.tsx': { awaits: 2, because: 'the other reads need the template (404 when it is missing)' },
};

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return /\.(tsx|ts)$/.test(name) ? [path] : [];
  });
}

/** For every function inside a withUserTransaction callback, the awaits whose nearest function it is. */
function awaitsPerFunction(file: string): { line: number; awaits: string[] }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { line: number; awaits: string[] }[] = [];
  const countIn = (fn: ts.FunctionLikeDeclaration) => {
    const awaits: string[] = [];
    const walk = (node: ts.Node) => {
      if (node !== fn && ts.isFunctionLike(node)) {
        countIn(node as ts.FunctionLikeDeclaration);
        return;
      }
      if (ts.isAwaitExpression(node)) awaits.push(node.expression.getText(source).replace(/\s+/g, ' ').slice(0, 80));
      ts.forEachChild(node, walk);
    };
    ts.forEachChild(fn, walk);
    found.push({ line: source.getLineAndCharacterOfPosition(fn.getStart(source)).line + 1, awaits });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'withUserTransaction') {
      const callback = node.arguments[1];
      if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) countIn(callback);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('pages read in parallel', () => {
  const root = process.cwd();
  const files = pages(join(root, 'app')).filter((file) => readFileSync(file, 'utf8').includes('withUserTransaction('));

  it('finds the pages that read in a transaction', () => {
    // The dashboard, chat, billing, templates, organizations, admin and more.
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files.map((file) => [relative(root, file)]))('%s awaits each read round trip only when it must', (file) => {
    const allowed = DEPENDENT_READS[file]?.awaits ?? 1;
    for (const { line, awaits } of awaitsPerFunction(join(root, file))) {
      expect(awaits.length, `${file}:${line} awaits ${awaits.length} times in a row: ${awaits.join(' → ')}; send independent reads together with Promise.all`).toBeLessThanOrEqual(allowed);
    }
  });

  it('the checker sees a waterfall', () => {
    const file = join(root, 'tests/unit/fixtures/page-waterfall.fixture.tsx');
    expect(awaitsPerFunction(file).map(({ awaits }) => awaits.length)).toEqual([2]);
  });
});
