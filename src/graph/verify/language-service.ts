import { posix } from 'node:path';
import { Project, ts } from 'ts-morph';
import { resolveWorkspaceImport, type ProjectLayout, type WorkspacePackage } from '../../project/index.js';
import { createTypeScriptResolution } from '../typescript-resolution.js';
import { nodeAt } from './reference-kind.js';

export interface LanguageServiceInput {
  /** Absolute repository root: the program's files are `root/path`. */
  root: string;
  /** Repo-relative code files to put in the program. */
  files: readonly string[];
  readText(path: string): string | undefined;
  layout: ProjectLayout;
  /** The repository's own packages, found by name as blast's resolver finds them. */
  workspaces: readonly WorkspacePackage[];
  /** Every repo-relative path (for the workspace lookup). */
  paths: ReadonlySet<string>;
}

/** A reference the language service found, in a file of the program. */
export interface FoundReference {
  /** Repo-relative path. */
  file: string;
  /** Offset of the reference's first character. */
  start: number;
}

/**
 * TypeScript's language service over the repository's code files, for `findReferences`. The
 * compiler options are the root config's (lib, jsx, paths); each file's imports resolve under
 * the tsconfig that governs it (a referenced project's, for a solution config), as in blast's
 * own resolver (with its bundler fallback), so a monorepo whose packages have their own configs
 * is one program. Options TypeScript 6
 * deprecates (`baseUrl`, `moduleResolution: node`) are accepted with `ignoreDeprecations`;
 * diagnostics of the configs and of the code never stop the references.
 */
export class ReferenceFinder {
  readonly #root: string;
  readonly #service: ts.LanguageService;
  readonly #program: ts.Program;

  constructor(input: LanguageServiceInput) {
    this.#root = input.root;
    const rootOptions = input.layout.governing('index.ts').options;
    const project = new Project({
      compilerOptions: { ...rootOptions, allowJs: true, noEmit: true, skipLibCheck: true, ignoreDeprecations: '6.0' },
      skipAddingFilesFromTsConfig: true,
      resolutionHost: (host, getOptions) => ({ resolveModuleNames: createResolveModuleNames(input, host, getOptions) }),
    });
    for (const file of input.files) {
      const text = input.readText(file);
      if (text !== undefined) project.createSourceFile(posix.join(input.root, file), text, { overwrite: true });
    }
    this.#service = project.getLanguageService().compilerObject;
    const program = this.#service.getProgram();
    if (!program) throw new Error('the language service has no program');
    this.#program = program;
  }

  /** The program's syntax tree of a repo-relative file. */
  sourceFile(file: string): ts.SourceFile | undefined {
    return this.#program.getSourceFile(posix.join(this.#root, file));
  }

  /** Every reference to the symbol named at `position` in `file`, in files under the root. */
  findReferences(file: string, position: number): FoundReference[] {
    const found: FoundReference[] = [];
    for (const group of this.#service.findReferences(posix.join(this.#root, file), position) ?? []) {
      for (const entry of group.references) {
        const relative = posix.relative(this.#root, entry.fileName);
        if (relative.startsWith('..') || relative.includes('node_modules/')) continue;
        found.push({ file: relative, start: entry.textSpan.start });
      }
    }
    return found;
  }

  /**
   * Which references may run the class member named at `target`. For a member that implements
   * an interface member, find-references also lists the uses of every other implementation of
   * it, because they share the interface member as their root: `this.query()` in a sibling
   * class. Such a use names a member of a class unrelated to the target's by inheritance
   * (neither a base class nor a subclass of it), so no call through it ever runs the target.
   * Anything else may: an interface, a base class, an override (through `super`), a union, a
   * target that is no class member, a class whose bases are built by an expression (a mixin)
   * and cannot be followed.
   */
  dispatchFilter(target: FoundReference): (reference: FoundReference) => boolean {
    const checker = this.#program.getTypeChecker();
    const targetClass = owningClass(checker, this.#symbolAt(checker, target)?.declarations?.[0]);
    const lineage = targetClass && classLineage(checker, targetClass);
    if (targetClass === undefined || lineage === undefined) return () => true;
    // Once per class: many references name members of the same few classes.
    const relatedness = new Map<ts.Symbol, boolean>();
    const related = (owner: ts.Symbol) => {
      let known = relatedness.get(owner);
      if (known === undefined) {
        known = lineage.has(owner) || classLineage(checker, owner)?.has(targetClass) !== false;
        relatedness.set(owner, known);
      }
      return known;
    };
    return (reference) => {
      const declarations = this.#symbolAt(checker, reference)?.declarations ?? [];
      return (
        declarations.length === 0 ||
        declarations.some((declaration) => {
          const owner = owningClass(checker, declaration);
          return owner === undefined || related(owner);
        })
      );
    };
  }

  #symbolAt(checker: ts.TypeChecker, at: FoundReference): ts.Symbol | undefined {
    const sourceFile = this.sourceFile(at.file);
    const node = sourceFile && nodeAt(sourceFile, at.start);
    return node && checker.getSymbolAtLocation(node);
  }

  /** Where the symbol at `position` in `file` is declared (aliases followed), in files under the root. */
  findDefinitions(file: string, position: number): FoundReference[] {
    const found: FoundReference[] = [];
    for (const definition of this.#service.getDefinitionAtPosition(posix.join(this.#root, file), position) ?? []) {
      const relative = posix.relative(this.#root, definition.fileName);
      if (relative.startsWith('..') || relative.includes('node_modules/')) continue;
      found.push({ file: relative, start: definition.textSpan.start });
    }
    return found;
  }
}

type ResolveModuleNames = NonNullable<ts.LanguageServiceHost['resolveModuleNames']>;

function createResolveModuleNames(input: LanguageServiceInput, host: ts.ModuleResolutionHost, getOptions: () => ts.CompilerOptions): ResolveModuleNames {
  const { root, layout } = input;
  const resolveWithTypeScript = createTypeScriptResolution(root, host);
  return (moduleNames, containingFile) => {
    const relative = posix.relative(root, containingFile);
    const inRepository = !relative.startsWith('..') && !relative.includes('node_modules/');
    const config = inRepository ? layout.governing(relative) : { options: getOptions(), hash: 'program' };
    return moduleNames.map((name) => {
      const found = resolveWithTypeScript(name, containingFile, config);
      if (found && !found.resolvedFileName.includes('/node_modules/')) return found;
      // The same workspace lookup as blast's resolver, so that both sides see the same program.
      const workspaceFile = resolveWorkspaceImport(name, input.workspaces, (path) => input.paths.has(path), config.options.customConditions);
      if (workspaceFile === undefined) return found;
      return { resolvedFileName: posix.join(root, workspaceFile), extension: extensionOf(workspaceFile), isExternalLibraryImport: false };
    });
  };
}

function extensionOf(path: string): string {
  const match = /\.d\.(m|c)?ts$|\.(m|c)?(j|t)sx?$|\.json$/.exec(path);
  return match ? match[0] : ts.Extension.Ts;
}

/** The class a member declaration belongs to, as the symbol of its declared type; undefined for anything else. */
function owningClass(checker: ts.TypeChecker, declaration: ts.Declaration | undefined): ts.Symbol | undefined {
  if (declaration === undefined || !ts.isClassElement(declaration) || ts.isConstructorDeclaration(declaration)) return undefined;
  const owner = declaration.parent;
  if (!ts.isClassLike(owner) || owner.name === undefined) return undefined;
  const symbol = checker.getSymbolAtLocation(owner.name);
  return symbol && checker.getDeclaredTypeOfSymbol(symbol).getSymbol();
}

/** A class and every class or interface it extends, or undefined when a base is no class or interface (a mixin's intersection). */
function classLineage(checker: ts.TypeChecker, start: ts.Symbol): Set<ts.Symbol> | undefined {
  const lineage = new Set<ts.Symbol>([start]);
  const queue = [checker.getDeclaredTypeOfSymbol(start)];
  for (let type = queue.pop(); type !== undefined; type = queue.pop()) {
    if (!type.isClassOrInterface()) return undefined;
    for (const base of checker.getBaseTypes(type)) {
      const declared = (base as ts.TypeReference).target ?? base;
      const symbol = declared.getSymbol();
      if (symbol === undefined) return undefined;
      if (!lineage.has(symbol)) {
        lineage.add(symbol);
        queue.push(declared);
      }
    }
  }
  return lineage;
}
