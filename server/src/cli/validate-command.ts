import { formatProblem } from '@trustops/runbook';
import { EXIT, type CliOutput, type ExitCode } from './cli-output.js';
import { expandRunbookPaths, readRunbookFile } from './runbook-files.js';

/**
 * `trustops runbook validate <files or folders...>`: checks runbook files offline (a folder means
 * every `*.yaml` below it). Problems go to stderr as `file:line:col path: message` (the format
 * editors and CI annotate from); exit 1 when there are any.
 */
export async function validateCommand(files: string[], output: CliOutput): Promise<ExitCode> {
  if (files.length === 0) {
    output.error('Name at least one runbook file: trustops runbook validate runbooks/examples/approval-demo.yaml');
    return EXIT.usage;
  }
  let problems = 0;
  for (const file of await expandRunbookPaths(files)) {
    const result = await readRunbookFile(file);
    if (result.ok) {
      output.out(
        `${file}: ok (${result.runbook.id}, version ${result.runbook.version}, ${result.runbook.steps.length} steps)`,
      );
    } else {
      problems += result.problems.length;
      for (const problem of result.problems) output.error(formatProblem(problem));
    }
  }
  if (problems > 0) {
    output.error(`${problems} problem${problems === 1 ? '' : 's'} found.`);
    return EXIT.problems;
  }
  return EXIT.ok;
}
