// The interfaces of www/related-articles.d.ts, read with the TypeScript compiler's own parser
// (typescript 7's API: the tsgo binary parses, this process walks the syntax tree), and a check
// of plain JSON values against them. Used by tests/node/parity.test.mjs: the objects the CLI
// prints and the objects the package returns must each have exactly the declared keys, of the
// declared types. Not a test file itself (node --test runs *.test.mjs only).
import { API } from 'typescript/unstable/sync';
import { SyntaxKind } from 'typescript/unstable/ast';

/**
 * A type as this check understands it: `{ kind: 'string' | 'number' | 'boolean' | 'null' }`,
 * `{ kind: 'array', of }`, `{ kind: 'object', props }` (an inline `{ … }`), `{ kind: 'ref', name }`
 * (another interface) or `{ kind: 'union', of: [...] }`. Anything else in a declaration read here
 * is an error naming it, never a type that accepts everything.
 */
function typeOf(node, where) {
  switch (node.kind) {
    case SyntaxKind.StringKeyword: return { kind: 'string' };
    case SyntaxKind.NumberKeyword: return { kind: 'number' };
    case SyntaxKind.BooleanKeyword: return { kind: 'boolean' };
    case SyntaxKind.ArrayType: return { kind: 'array', of: typeOf(node.elementType, `${where}[]`) };
    case SyntaxKind.ParenthesizedType: return typeOf(node.type, where);
    case SyntaxKind.UnionType: return { kind: 'union', of: node.types.map((t) => typeOf(t, where)) };
    case SyntaxKind.TypeLiteral: return { kind: 'object', props: members(node.members, where) };
    case SyntaxKind.TypeReference:
      if (node.typeArguments?.length) break;
      return { kind: 'ref', name: node.typeName.text };
    case SyntaxKind.LiteralType:
      if (node.literal.kind === SyntaxKind.NullKeyword) return { kind: 'null' };
      break;
    default:
  }
  throw new Error(`${where}: the shape check does not read a ${SyntaxKind[node.kind]} type`);
}

function members(list, where) {
  const props = new Map();
  for (const m of list) {
    if (m.kind !== SyntaxKind.PropertySignature) {
      throw new Error(`${where}: the shape check reads properties only, not a ${SyntaxKind[m.kind]}`);
    }
    const name = m.name.text;
    const optional = m.postfixToken?.kind === SyntaxKind.QuestionToken;
    props.set(name, { optional, type: typeOf(m.type, `${where}.${name}`) });
  }
  return props;
}

/**
 * The top-level interfaces of a .d.ts file: `Map<name, { kind: 'object', props:
 * Map<key, { optional, type }> }>`. Type aliases, classes and functions are not read.
 */
export function readInterfaces(file) {
  const api = new API({ cwd: process.cwd() });
  try {
    const snapshot = api.updateSnapshot({ openFiles: [file] });
    const source = snapshot.getDefaultProjectForFile(file)?.program.getSourceFile(file);
    if (!source) throw new Error(`${file}: the TypeScript API found no such source file`);
    const interfaces = new Map();
    for (const s of source.statements) {
      if (s.kind !== SyntaxKind.InterfaceDeclaration) continue;
      if (s.heritageClauses?.length) throw new Error(`${s.name.text}: extends is not read by the shape check`);
      interfaces.set(s.name.text, { kind: 'object', props: members(s.members, s.name.text) });
    }
    return interfaces;
  } finally {
    api.close();
  }
}

const kindOfValue = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * The problems of `value` against `type` (a name of an interface, or a type from
 * `readInterfaces`), as messages naming the path; `[]` when it fits. An object must have every
 * required key, no key the type does not declare, and each value of its declared type; with
 * `{ nullForAbsent: true }` an optional key may hold null instead of being left out (the CLI's
 * `parse --json` prints every field). `seen`, when given, collects for each interface the keys
 * met, so a caller can tell a declared field that nothing ever produced.
 */
export function shapeProblems(value, type, interfaces, { path = '$', nullForAbsent = false, seen } = {}) {
  const problems = [];
  // `label` names an object type in messages and in `seen`: its interface's name, or for an
  // inline `{ … }` the property declaring it (`RelatedItem.why`).
  const check = (v, t, at, label) => {
    if (typeof t === 'string') {
      label = t;
      t = interfaces.get(label);
      if (!t) throw new Error(`no interface ${label} in the .d.ts`);
    }
    switch (t.kind) {
      case 'ref': return check(v, t.name, at);
      case 'union': {
        // The first member that fits (its keys are the ones seen); else say what was expected.
        const fits = t.of.find((u) => shapeProblems(v, u, interfaces, { path: at, nullForAbsent }).length === 0);
        if (fits) check(v, fits, at, label);
        else problems.push(`${at}: ${JSON.stringify(v)} fits none of ${describe(t)}`);
        return;
      }
      case 'array':
        if (!Array.isArray(v)) return problems.push(`${at}: expected ${describe(t)}, found ${kindOfValue(v)}`);
        v.forEach((item, i) => check(item, t.of, `${at}[${i}]`, label));
        return;
      case 'object': {
        const what = label ?? 'an object';
        if (kindOfValue(v) !== 'object') return problems.push(`${at}: expected ${what}, found ${kindOfValue(v)}`);
        for (const key of Object.keys(v)) {
          if (!t.props.has(key)) problems.push(`${at}.${key}: not declared in ${what} (declared: ${[...t.props.keys()].join(', ')})`);
        }
        for (const [key, prop] of t.props) {
          if (!Object.hasOwn(v, key)) {
            if (!prop.optional) problems.push(`${at}.${key}: required by ${what}, missing`);
            continue;
          }
          if (v[key] === null && prop.optional && nullForAbsent) continue;
          if (seen && label) {
            if (!seen.has(label)) seen.set(label, new Set());
            seen.get(label).add(key);
          }
          check(v[key], prop.type, `${at}.${key}`, label && `${label}.${key}`);
        }
        return;
      }
      default:
        if (kindOfValue(v) !== t.kind) problems.push(`${at}: expected ${t.kind}, found ${kindOfValue(v)} ${JSON.stringify(v)}`);
    }
  };
  check(value, type, path);
  return problems;
}

function describe(t) {
  switch (t.kind) {
    case 'ref': return t.name;
    case 'union': return t.of.map(describe).join(' | ');
    case 'array': return `${describe(t.of)}[]`;
    case 'object': return `{ ${[...t.props.keys()].join(', ')} }`;
    default: return t.kind;
  }
}
