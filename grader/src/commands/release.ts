// `npm run release -- --out <dir>`: the student edition (lessons, stubs, visible tests, the grader
// without its hidden specs). `--gradescope <zip>`: Gradescope's autograder bundle. `--grader <dir>`:
// the grader with its hidden specs, for a private repository that GitHub Classroom checks out.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { VISIBILITIES, type Visibility } from '../formats/gradescope.ts';
import { editionTree, graderTree, gradescopeTree, type TreeFile } from '../release/trees.ts';
import { writeZip } from '../release/zip.ts';

export interface ReleaseOptions {
  out?: string;
  gradescope?: string;
  grader?: string;
  visibility?: string;
}

const EXAMPLE = 'npm run release -- --out ../course-student';

export async function release(options: ReleaseOptions): Promise<void> {
  if (!options.out && !options.gradescope && !options.grader) {
    throw new UsageError(
      `Say what to build: --out <dir> (the student edition), --gradescope <zip> (the Gradescope autograder) or --grader <dir> (the grader with its hidden specs). For example: ${EXAMPLE}`,
    );
  }
  const visibility = (options.visibility ?? 'visible') as Visibility;
  if (!VISIBILITIES.includes(visibility)) {
    throw new UsageError(`--visibility is one of ${VISIBILITIES.join(', ')}, got "${options.visibility}". For example: npm run release -- --gradescope autograder.zip --visibility after_due_date`);
  }
  if (options.visibility && !options.gradescope) throw new UsageError('--visibility goes with --gradescope <zip>. For example: npm run release -- --gradescope autograder.zip --visibility after_due_date');
  const here = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (options.out) {
    const dir = writeTree(here(options.out), editionTree(), '--out');
    console.log(`Student edition written to ${dir}. It holds no solutions and no hidden specs; push it as the assignment's template repository.`);
  }
  if (options.grader) {
    const dir = writeTree(here(options.grader), graderTree(), '--grader');
    console.log(`Grader with the hidden specs written to ${dir}. Push it to a private repository that students cannot read.`);
  }
  if (options.gradescope) {
    const file = here(options.gradescope);
    if (!file.endsWith('.zip')) throw new UsageError(`--gradescope names the zip file to write, ending in .zip. For example: npm run release -- --gradescope autograder.zip`);
    if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--gradescope ${options.gradescope} is a folder; name a .zip file. For example: npm run release -- --gradescope autograder.zip`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeZip(file, gradescopeTree(visibility).map((entry) => ({ name: entry.path, data: entry.data, mode: entry.mode ?? 0o644 })));
    console.log(`Gradescope autograder written to ${file} (tests ${visibility}). Upload it as the assignment's autograder ("Zip file upload").`);
  }
}

function writeTree(dir: string, tree: readonly TreeFile[], option: string): string {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new UsageError(`${option} ${dir} already exists and is not empty; give a new folder. For example: ${EXAMPLE}`);
  }
  for (const file of tree) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.data);
    if (file.mode !== undefined) chmodSync(target, file.mode);
  }
  return dir;
}
