import { isBuiltin } from "node:module";
import { dirname, relative, sep } from "node:path";
import ts from "typescript";

/** One use of a Node-only API in code that every runtime loads. */
export interface NodeOnlyUsage {
  /** The file, relative to the folder of the entry. */
  file: string;
  line: number;
  /** What was used: `Buffer`, `process`, `node:fs`... */
  name: string;
}

export interface PortabilityReport {
  /** Every file reachable from the entry (relative paths), i.e. what other runtimes load. */
  files: string[];
  usages: NodeOnlyUsage[];
}

const NODE_TYPE_PACKAGES = [
  `${sep}node_modules${sep}@types${sep}node${sep}`,
  `${sep}node_modules${sep}undici-types${sep}`,
];
/** Objects through which a global can also be reached: `globalThis.process`. */
const GLOBAL_OBJECTS = new Set(["globalThis", "global", "self", "window"]);

/**
 * Finds Node-only globals (`Buffer`, `process`, `require`, `NodeJS.*`...) and Node built-in
 * imports (`node:*`, `fs`...) in every file reachable from `entry`.
 *
 * A global counts as Node-only when the type checker finds it declared by `@types/node` (or its
 * `undici-types`) and nowhere in TypeScript's own DOM/ES libraries: `setTimeout` or `fetch` pass,
 * `Buffer` does not. A guarded lookup such as `(globalThis as { process?: ... }).process` is a
 * property of a local type, not the global, and passes too.
 */
export function findNodeOnlyUsage(entry: string, typeRoots: string[]): PortabilityReport {
  const program = ts.createProgram({
    rootNames: [entry],
    options: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: ["node"],
      typeRoots,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  });
  const checker = program.getTypeChecker();
  const base = dirname(entry);
  const ownFiles = program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && !file.fileName.includes("/node_modules/"));

  const isNodeOnly = (symbol: ts.Symbol | undefined): boolean => {
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return false;
    return declarations.every((declaration) => {
      const fileName = declaration.getSourceFile().fileName.replaceAll("/", sep);
      return NODE_TYPE_PACKAGES.some((folder) => fileName.includes(folder));
    });
  };

  const usages: NodeOnlyUsage[] = [];
  for (const file of ownFiles) {
    const report = (node: ts.Node, name: string) => {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      usages.push({ file: relative(base, file.fileName), line: line + 1, name });
    };
    const visit = (node: ts.Node): void => {
      const specifier = moduleSpecifierOf(node);
      if (specifier !== undefined && (specifier.startsWith("node:") || isBuiltin(specifier))) {
        report(node, specifier);
      }
      if (ts.isIdentifier(node) && isGlobalReferencePosition(node)) {
        const symbol = ts.isShorthandPropertyAssignment(node.parent)
          ? checker.getShorthandAssignmentValueSymbol(node.parent)
          : checker.getSymbolAtLocation(node);
        if (isNodeOnly(symbol)) report(node, node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { files: ownFiles.map((file) => relative(base, file.fileName)).sort(), usages };
}

/** The module an import, export, `import()` or `require()` names, if the node is one. */
function moduleSpecifierOf(node: ts.Node): string | undefined {
  if (
    (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier)
  ) {
    return node.moduleSpecifier.text;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const expression = node.moduleReference.expression;
    return ts.isStringLiteral(expression) ? expression.text : undefined;
  }
  if (ts.isCallExpression(node) && node.arguments.length > 0) {
    const [argument] = node.arguments;
    const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
    if ((isImport || isRequire) && argument && ts.isStringLiteralLike(argument)) {
      return argument.text;
    }
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const literal = node.argument.literal;
    return ts.isStringLiteral(literal) ? literal.text : undefined;
  }
  return undefined;
}

/**
 * Whether an identifier may name a global: a free reference (`Buffer.from`, `: NodeJS.Timeout`)
 * or a property of the global object (`globalThis.process`), but not a property of some other
 * object (`response.body`) nor the right side of a qualified name.
 */
function isGlobalReferencePosition(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
    return ts.isIdentifier(parent.expression) && GLOBAL_OBJECTS.has(parent.expression.text);
  }
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  return true;
}
