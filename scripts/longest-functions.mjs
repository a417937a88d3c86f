// Prints the longest functions in src/ (tests left out), longest first: lines, name, file:line.
// `node scripts/longest-functions.mjs [count] [--limit N]`: count defaults to 10; with --limit, the
// exit code is 1 when one is longer than N lines. A function's lines include the functions inside it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** A readable name: the declaration's, else the variable, property or call it is given to. */
function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText();
    const holder = parent.parent && ts.isVariableDeclaration(parent.parent) ? `${parent.parent.name.getText()} = ` : '';
    return `${holder}${callee}(…)`;
  }
  return '(anonymous)';
}

export function functionLengths(files = sourceFiles(join(root, 'src'))) {
  const out = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        out.push({ lines: end - start + 1, name: nameOf(node), at: `${relative(root, file)}:${start + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const limitAt = args.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(args.splice(limitAt, 2)[1]) : undefined;
  const count = Number(args[0] ?? 10);
  const all = functionLengths();
  for (const f of all.slice(0, count)) console.log(`${String(f.lines).padStart(5)}  ${f.name}  ${f.at}`);
  if (limit !== undefined) {
    const over = all.filter((f) => f.lines > limit);
    console.log(over.length ? `${over.length} function(s) over ${limit} lines.` : `None over ${limit} lines.`);
    if (over.length) process.exitCode = 1;
  }
}
