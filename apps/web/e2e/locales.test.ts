// Every translation key exists in both languages, and every literal key the code uses exists.
// (Keys built at run time, like `status.${s}`, are checked by the browser journeys instead.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

type Tree = { [k: string]: string | Tree };
const dir = join(ROOT, 'apps/web/src/locales');
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree;

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

function sourceFiles(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

test('zh-CN and en have the same keys, file by file', () => {
  for (const [en, zh] of [
    ['en.json', 'zh-CN.json'],
    ['pages.en.json', 'pages.zh-CN.json'],
    ['sla.en.json', 'sla.zh-CN.json'],
    ['email.en.json', 'email.zh-CN.json'],
    ['chat.en.json', 'chat.zh-CN.json'],
    ['kb.en.json', 'kb.zh-CN.json'],
  ] as const) {
    const a = new Set(keys(load(en)));
    const b = new Set(keys(load(zh)));
    assert.deepEqual(
      [...a].filter((k) => !b.has(k)),
      [],
      `in ${en} but not ${zh}`,
    );
    assert.deepEqual(
      [...b].filter((k) => !a.has(k)),
      [],
      `in ${zh} but not ${en}`,
    );
  }
});

test('no translation is empty and the split files do not define the same key twice', () => {
  const main = keys(load('en.json'));
  const pages = new Set(keys(load('pages.en.json')));
  assert.deepEqual(
    main.filter((k) => pages.has(k)),
    [],
  );
  for (const f of ['en.json', 'zh-CN.json', 'pages.en.json', 'pages.zh-CN.json']) {
    const empty = keys(load(f)).filter((k) => {
      const v = k.split('.').reduce<string | Tree | undefined>((t, p) => (typeof t === 'object' ? t[p] : undefined), load(f));
      return typeof v !== 'string' || v.trim() === '';
    });
    assert.deepEqual(empty, [], f);
  }
});

test("every literal t('key') used in the web app exists", () => {
  const all = new Set([...keys(load('en.json')), ...keys(load('pages.en.json')), ...keys(load('sla.en.json'))]);
  const missing: string[] = [];
  for (const file of sourceFiles(join(ROOT, 'apps/web/src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!all.has(m[1]!)) missing.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
