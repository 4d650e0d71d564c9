#!/usr/bin/env node
// STYLE habit 11: every public export has a doc comment with one example and a link to the spec.
// Lists each symbol the public entries export (directly or by re-export), resolves it to its
// declaration and reports the ones whose JSDoc is missing, has no `@example`, or names no spec
// section (a `@see` URL, an `https://www.imsglobal.org/spec/` URL or a requirement ID).
// Interface and class members are not checked: documenting the type itself is enough.
// Usage: node scripts/check-doc-comments.mjs [--summary]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'packages/ltikit/src');
const entries = [
  'index.ts',
  'tool/index.ts',
  'platform/index.ts',
  'errors.ts',
  'vocab/index.ts',
  'keys/index.ts',
  'messages/index.ts',
  'stores/index.ts',
].map((entry) => join(src, entry));

const REQUIREMENT_ID = /\b[A-Z]{2,5}-\d{3}\b/g;
const SPEC_URL = 'https://www.imsglobal.org/spec/';

// The requirement checklists sit next to the repository (STYLE: `../shared/spec/`). When they are
// there, a cited ID must be one they define, so `SHA-256` or a typo does not pass for a reference.
const specDir = join(root, '../shared/spec');
const knownIds = new Set();
if (existsSync(specDir)) {
  for (const file of readdirSync(specDir).filter((name) => name.endsWith('.md'))) {
    for (const match of readFileSync(join(specDir, file), 'utf8').matchAll(/\*\*([A-Z]{2,5}-\d{3})\*\*/g)) {
      knownIds.add(match[1]);
    }
  }
}

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'packages/ltikit/tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
const program = ts.createProgram({ rootNames: entries, options: { ...config.options, noEmit: true } });
const checker = program.getTypeChecker();

function jsDocText(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  if (docs.length === 0) return undefined;
  return docs.map((doc) => doc.getText()).join('\n');
}

function problemsOf(declaration) {
  const text = jsDocText(declaration);
  if (text === undefined) return ['no doc comment'];
  const problems = [];
  if (!/@example\b/.test(text)) problems.push('no @example');
  const seeUrl = /@see\s+(?:\{@link\s+)?https?:\/\//.test(text);
  const ids = [...text.matchAll(REQUIREMENT_ID)].map((match) => match[0]);
  const validIds = knownIds.size > 0 ? ids.filter((id) => knownIds.has(id)) : ids;
  if (!seeUrl && !text.includes(SPEC_URL) && validIds.length === 0) problems.push('no spec link or requirement ID');
  const unknown = knownIds.size > 0 ? ids.filter((id) => !knownIds.has(id) && !/^SHA-/.test(id)) : [];
  if (unknown.length > 0) problems.push(`unknown requirement ID ${[...new Set(unknown)].join(', ')}`);
  return problems;
}

// One row per declared symbol, however many entries export it.
const rows = new Map();
for (const entry of entries) {
  const sourceFile = program.getSourceFile(entry);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) throw new Error(`cannot read the module ${relative(root, entry)}`);
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => !d.getSourceFile().fileName.includes('/node_modules/'));
    if (declarations.length === 0) continue;
    const first = declarations[0];
    const file = first.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(first.getStart());
    const where = `${relative(root, file.fileName)}:${line + 1}`;
    const key = `${where}#${symbol.getName()}`;
    const row = rows.get(key) ?? { name: exported.getName(), where, entries: new Set(), problems: [] };
    row.entries.add(relative(src, entry));
    if (!rows.has(key)) {
      // Overloads and merged declarations (class + namespace, …) pass when any one is documented.
      const perDeclaration = declarations.map(problemsOf);
      row.problems = perDeclaration.find((problems) => problems.length === 0) ?? perDeclaration[0];
      rows.set(key, row);
    }
  }
}

const all = [...rows.values()].sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }));
const failing = all.filter((row) => row.problems.length > 0);
const count = (problem) => failing.filter((row) => row.problems.some((p) => p.startsWith(problem))).length;

if (process.argv.includes('--summary')) {
  console.log(`public symbols:                  ${all.length}`);
  console.log(`fully documented:                ${all.length - failing.length}`);
  console.log(`no doc comment:                  ${count('no doc comment')}`);
  console.log(`no @example:                     ${count('no @example')}`);
  console.log(`no spec link or requirement ID:  ${count('no spec link')}`);
  console.log(`unknown requirement ID:          ${count('unknown requirement ID')}`);
} else {
  for (const row of failing) console.error(`${row.where}  ${row.name}: ${row.problems.join('; ')}`);
}
if (failing.length > 0) {
  (process.argv.includes('--summary') ? console.log : console.error)(`${failing.length} of ${all.length} public exports lack a doc comment with an example and a spec reference (STYLE habit 11).`);
  process.exit(1);
}
console.log(`All ${all.length} public exports have a doc comment with an example and a spec reference.`);
